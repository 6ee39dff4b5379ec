// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {ICouncilQuorum} from "./interfaces/ICouncilQuorum.sol";

/// @title The regulator council's quorum
/// @notice Deployed beside the council's AccessManager, which grants it ADMIN_ROLE and the council role with no
/// execution delay. A regulator schedules an operation on the AccessManager as before; each other regulator
/// may approve that scheduling here. The proposer's scheduling counts as its own approval, so with a threshold
/// of 2 one other regulator's approval executes the operation at once: the quorum cancels the proposer's
/// scheduling (as an admin) and executes the same call itself (no delay). Approvals belong to one scheduling
/// (the AccessManager's nonce): a cancelled and rescheduled operation starts again from the proposer's.
/// @dev The quorum never schedules: its own operations are immediate, so `execute` consumes nothing.
contract CouncilQuorum is AccessManaged, ICouncilQuorum {
    uint64 private immutable _COUNCIL_ROLE;
    /// @inheritdoc ICouncilQuorum
    uint8 public threshold;

    /// @dev Approvals of one scheduling, keyed by `_schedulingKey(operationId, nonce)`, the proposer's included.
    mapping(bytes32 scheduling => uint256 count) private _approvals;
    /// @dev Who approved each scheduling.
    mapping(bytes32 scheduling => mapping(address member => bool)) private _approved;

    /// @param manager The council's AccessManager (this contract's authority).
    /// @param councilRole_ The AccessManager role whose members propose and approve.
    /// @param threshold_ Approvals needed, the proposer's scheduling included; at least 2.
    constructor(address manager, uint64 councilRole_, uint8 threshold_) AccessManaged(manager) {
        _COUNCIL_ROLE = councilRole_;
        _setThreshold(threshold_);
    }

    /// @inheritdoc ICouncilQuorum
    function approve(address proposer, address target, bytes calldata data) external {
        IAccessManager manager = IAccessManager(authority());
        if (!_isMember(manager, msg.sender)) revert QuorumNotCouncilMember(msg.sender);
        if (msg.sender == proposer) revert QuorumProposerCannotApprove();
        bytes32 operationId = manager.hashOperation(proposer, target, data);
        // getSchedule is 0 once the operation was cancelled, executed or expired.
        if (manager.getSchedule(operationId) == 0) revert QuorumNotScheduled(operationId);
        uint32 nonce = manager.getNonce(operationId);
        bytes32 key = _schedulingKey(operationId, nonce);
        if (_approved[key][msg.sender]) revert QuorumAlreadyApproved(operationId, msg.sender);
        _approved[key][msg.sender] = true;
        uint256 count = _approvals[key];
        // The proposer's scheduling counts once, from the first approval, if it still sits on the council.
        if (count == 0 && _isMember(manager, proposer)) count = 1;
        // Bounded by the number of council members.
        unchecked {
            ++count;
        }
        _approvals[key] = count;
        emit ProposalApproved(operationId, nonce, msg.sender, count);
        if (count < threshold) return;
        // The quorum is an admin: it may cancel anyone's scheduling, then runs the call with no delay.
        manager.cancel(proposer, target, data);
        manager.execute(target, data);
        emit ProposalExecuted(operationId, nonce, msg.sender);
    }

    /// @inheritdoc ICouncilQuorum
    function setThreshold(uint8 newThreshold) external restricted {
        _setThreshold(newThreshold);
    }

    /// @inheritdoc ICouncilQuorum
    function councilRole() external view returns (uint64) {
        return _COUNCIL_ROLE;
    }

    /// @inheritdoc ICouncilQuorum
    function approvals(bytes32 operationId, uint32 nonce) external view returns (uint256) {
        return _approvals[_schedulingKey(operationId, nonce)];
    }

    /// @inheritdoc ICouncilQuorum
    function hasApproved(bytes32 operationId, uint32 nonce, address account) external view returns (bool) {
        return _approved[_schedulingKey(operationId, nonce)][account];
    }

    function _setThreshold(uint8 newThreshold) private {
        if (newThreshold < 2) revert QuorumThresholdTooLow(newThreshold);
        threshold = newThreshold;
        emit QuorumThresholdSet(newThreshold);
    }

    function _isMember(IAccessManager manager, address account) private view returns (bool isMember) {
        (isMember, ) = manager.hasRole(_COUNCIL_ROLE, account);
    }

    function _schedulingKey(bytes32 operationId, uint32 nonce) private pure returns (bytes32) {
        return keccak256(abi.encode(operationId, nonce));
    }
}
