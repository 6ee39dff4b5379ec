// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title A quorum of the regulator council that approves a scheduled operation before its delay ends
/// @notice Every regulator key holds the council's roles on the AccessManager with an execution delay: it can
/// only schedule an operation, which waits the delay and can be cancelled meanwhile. When enough other
/// regulators approve it here, the quorum (an admin and council member of the AccessManager with no delay)
/// cancels the proposer's scheduling and executes the same call at once. Without the quorum the delay path
/// stays as it is.
interface ICouncilQuorum {
    /// @notice `approver` approved the scheduling `nonce` of `operationId`; `approvals` counts the proposer's
    /// scheduling and every approval of this scheduling so far.
    /// @param operationId The AccessManager's `hashOperation(proposer, target, data)`.
    /// @param nonce The AccessManager's nonce of this scheduling of the operation.
    /// @param approver The council member who approved.
    /// @param approvals Approvals of this scheduling, the proposer's included.
    event ProposalApproved(
        bytes32 indexed operationId,
        uint32 indexed nonce,
        address indexed approver,
        uint256 approvals
    );

    /// @notice The quorum executed the scheduling `nonce` of `operationId` after cancelling it on the
    /// AccessManager (which emitted `OperationCanceled(operationId, nonce)` just before).
    /// @param operationId The AccessManager's `hashOperation(proposer, target, data)`.
    /// @param nonce The AccessManager's nonce of the scheduling that was executed.
    /// @param by The council member whose approval completed the quorum.
    event ProposalExecuted(bytes32 indexed operationId, uint32 indexed nonce, address indexed by);

    /// @notice The number of approvals that executes an operation became `threshold`.
    /// @param threshold Approvals needed, the proposer's scheduling included.
    event QuorumThresholdSet(uint8 threshold);

    /// @notice A threshold below 2 would let one regulator act alone.
    /// @param threshold The threshold refused.
    error QuorumThresholdTooLow(uint8 threshold);

    /// @notice Only members of the council (holders of its role on the AccessManager) approve.
    /// @param account The caller, who holds no council role.
    error QuorumNotCouncilMember(address account);

    /// @notice The proposer's scheduling already counts as its approval.
    error QuorumProposerCannotApprove();

    /// @notice The operation is not scheduled on the AccessManager now (never, cancelled, executed or expired).
    /// @param operationId The AccessManager's `hashOperation(proposer, target, data)`.
    error QuorumNotScheduled(bytes32 operationId);

    /// @notice A member approves one scheduling of an operation once.
    /// @param operationId The AccessManager's `hashOperation(proposer, target, data)`.
    /// @param approver The member who approved this scheduling already.
    error QuorumAlreadyApproved(bytes32 operationId, address approver);

    /// @notice Approves the operation `proposer` scheduled on the AccessManager (`target` called with `data`).
    /// Reaching the threshold cancels the proposer's scheduling and executes the call at once.
    /// @dev Emits {ProposalApproved}; reaching the threshold also emits {ProposalExecuted}.
    /// @param proposer The council member who scheduled the operation.
    /// @param target The contract the operation calls (the ledger, the AccessManager, this quorum).
    /// @param data The calldata of the operation, exactly as scheduled.
    function approve(address proposer, address target, bytes calldata data) external;

    /// @notice Changes the number of approvals that executes an operation. Restricted by the AccessManager to
    /// ADMIN_ROLE: a regulator schedules it, and it waits the delay unless a quorum approves it.
    /// @dev Emits {QuorumThresholdSet}.
    /// @param newThreshold Approvals needed, the proposer's scheduling included; at least 2.
    function setThreshold(uint8 newThreshold) external;

    /// @notice Approvals needed to execute an operation, the proposer's scheduling included (at least 2).
    function threshold() external view returns (uint8);

    /// @notice The AccessManager role whose members propose and approve.
    function councilRole() external view returns (uint64);

    /// @notice Approvals recorded for the scheduling `nonce` of `operationId`, the proposer's included; 0 until
    /// another member approves it.
    /// @param operationId The AccessManager's `hashOperation(proposer, target, data)`.
    /// @param nonce The AccessManager's nonce of the scheduling.
    function approvals(bytes32 operationId, uint32 nonce) external view returns (uint256);

    /// @notice Whether `account` approved the scheduling `nonce` of `operationId`.
    /// @param operationId The AccessManager's `hashOperation(proposer, target, data)`.
    /// @param nonce The AccessManager's nonce of the scheduling.
    /// @param account The council member asked about.
    function hasApproved(bytes32 operationId, uint32 nonce, address account) external view returns (bool);
}
