// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {ICustodyLedger} from "./interfaces/ICustodyLedger.sol";
import {BatchRegistry} from "./BatchRegistry.sol";
import {OrganisationRegistry} from "./OrganisationRegistry.sol";
import {BatchId} from "./types/BatchId.sol";
import {ShipmentId, ShipmentIdLibrary} from "./types/ShipmentId.sol";
import {Text} from "./libraries/Text.sol";

/// @title The custody ledger: organisations, batches, hops, dispensing and consumer claims
/// @notice The one contract the network deploys. Multicall lets a pharmacy or the verification
/// service settle a queue that spans several batches in one transaction.
contract CustodyLedger is ICustodyLedger, BatchRegistry, Multicall {
    using BitMaps for BitMaps.BitMap;

    /// @notice EU FMD allows undoing a dispense at the same location within 240 hours.
    uint32 public constant UNDO_WINDOW_DAYS = 10;
    uint256 private constant MAX_REASON_LENGTH = 512;

    mapping(BatchId batchId => mapping(address holder => Holding)) private _holdings;
    /// @dev A shipment is stored as its status under the hash of its parameters: one slot per hop.
    mapping(ShipmentId shipmentId => ShipmentStatus) private _shipments;
    mapping(BatchId batchId => BitMaps.BitMap) private _dispensed;
    mapping(BatchId batchId => BitMaps.BitMap) private _claimed;
    /// @dev keccak256(batchId, pharmacy, day) => packs that pharmacy dispensed that day. It is what
    /// lets an undo prove who dispensed a pack and when, without a per-pack record.
    mapping(bytes32 dispenseDay => BitMaps.BitMap) private _dispensedOn;

    /// @notice Deploys the ledger with its first organisation, a regulator.
    /// @param regulator the regulator's signing account
    /// @param regulatorGln its GS1 Global Location Number (13 digits)
    /// @param regulatorCountry ISO 3166-1 alpha-2 code
    /// @param regulatorName 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    constructor(
        address regulator,
        uint64 regulatorGln,
        bytes2 regulatorCountry,
        string memory regulatorName
    ) OrganisationRegistry(regulator, regulatorGln, regulatorCountry, regulatorName) {}

    // ---------------------------------------------------------------- custody hops

    /// @inheritdoc ICustodyLedger
    function ship(BatchId batchId, address to, uint64 quantity, bytes32 ref) external returns (ShipmentId shipmentId) {
        _authorise(msg.sender, CUSTODY_ROLES);
        if (quantity == 0) revert CustodyZeroQuantity();
        if (to == msg.sender) revert CustodySelfShipment(to);
        _authorise(to, CUSTODY_ROLES);
        _movableBatch(batchId);
        Holding storage h = _holdings[batchId][msg.sender];
        uint64 held = h.held;
        if (held < quantity) revert CustodyInsufficientStock(batchId, msg.sender, held, quantity);
        shipmentId = ShipmentIdLibrary.toId(batchId, msg.sender, to, quantity, ref);
        if (_shipments[shipmentId] != ShipmentStatus.None) revert CustodyShipmentExists(shipmentId);

        // held >= quantity was checked above.
        unchecked {
            h.held = held - quantity;
        }
        _shipments[shipmentId] = ShipmentStatus.InTransit;
        emit BatchShipped(shipmentId, batchId, msg.sender, to, quantity, ref);
    }

    /// @inheritdoc ICustodyLedger
    /// @dev Allowed while the batch is recalled or quarantined: the goods did arrive, and the
    /// recipient must account for them (then hold or destroy them).
    function confirmReceipt(
        BatchId batchId,
        address from,
        uint64 quantity,
        bytes32 ref,
        uint64 receivedQuantity
    ) external returns (ShipmentId shipmentId) {
        _authorise(msg.sender, CUSTODY_ROLES);
        shipmentId = ShipmentIdLibrary.toId(batchId, from, msg.sender, quantity, ref);
        _closeShipment(shipmentId, ShipmentStatus.Received);
        if (receivedQuantity > quantity) {
            revert CustodyReceivedExceedsShipped(shipmentId, quantity, receivedQuantity);
        }
        uint64 shortfall;
        // receivedQuantity <= quantity was checked above.
        unchecked {
            shortfall = quantity - receivedQuantity;
        }
        Holding memory h = _holdings[batchId][msg.sender];
        h.held += receivedQuantity;
        h.writtenOff += shortfall;
        _holdings[batchId][msg.sender] = h;
        emit ShipmentReceived(shipmentId, batchId, msg.sender, from, receivedQuantity, shortfall);
    }

    /// @inheritdoc ICustodyLedger
    function cancelShipment(
        BatchId batchId,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId) {
        _authorise(msg.sender, CUSTODY_ROLES);
        shipmentId = ShipmentIdLibrary.toId(batchId, msg.sender, to, quantity, ref);
        _closeShipment(shipmentId, ShipmentStatus.Voided);
        _holdings[batchId][msg.sender].held += quantity;
        emit ShipmentVoided(shipmentId, batchId, msg.sender);
    }

    /// @inheritdoc ICustodyLedger
    /// @dev Allowed while recalled or quarantined: destroying such stock is the point.
    function writeOff(BatchId batchId, uint64 quantity, string calldata reason) external {
        _authorise(msg.sender, CUSTODY_ROLES);
        _existingBatch(batchId);
        if (quantity == 0) revert CustodyZeroQuantity();
        uint256 reasonLength = bytes(reason).length;
        if (reasonLength == 0 || reasonLength > MAX_REASON_LENGTH) revert CustodyInvalidReason(reasonLength);
        (uint256 position, uint32 codePoint) = Text.firstForbidden(bytes(reason));
        if (position < reasonLength) revert CustodyInvalidReasonCharacter(position, codePoint);
        _takeFromStock(batchId, quantity, false);
        emit StockDestroyed(batchId, msg.sender, quantity, reason);
    }

    // ---------------------------------------------------------------- dispensing

    /// @inheritdoc ICustodyLedger
    function dispense(BatchId batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external {
        _authorise(msg.sender, ROLE_PHARMACY);
        _verifyPack(batchId, _dispensableBatch(batchId), index, commitment, proof);
        _takeFromStock(batchId, 1, true);
        BitMaps.BitMap storage today = _dispensedOn[_dayKey(batchId, msg.sender, _today())];
        _markDispensed(batchId, index, today);
        emit PacksDispensed(batchId, msg.sender, _one(index));
    }

    /// @inheritdoc ICustodyLedger
    function dispenseMany(
        BatchId batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external {
        _authorise(msg.sender, ROLE_PHARMACY);
        _verifyPacks(batchId, _dispensableBatch(batchId), indices, commitments, proof, proofFlags);
        _takeFromStock(batchId, uint64(indices.length), true);
        BitMaps.BitMap storage today = _dispensedOn[_dayKey(batchId, msg.sender, _today())];
        for (uint256 i = 0; i < indices.length; ++i) {
            _markDispensed(batchId, indices[i], today);
        }
        emit PacksDispensed(batchId, msg.sender, indices);
    }

    /// @inheritdoc ICustodyLedger
    function undoDispense(BatchId batchId, uint32 day, uint256[] calldata indices) external {
        _authorise(msg.sender, ROLE_PHARMACY);
        _movableBatch(batchId);
        if (indices.length == 0) revert PackListMismatch(0, 0);
        uint32 today = _today();
        if (day > today || today - day > UNDO_WINDOW_DAYS) revert PackUndoWindowClosed(batchId, day, today);
        BitMaps.BitMap storage dispensedOn = _dispensedOn[_dayKey(batchId, msg.sender, day)];
        BitMaps.BitMap storage dispensed = _dispensed[batchId];
        for (uint256 i = 0; i < indices.length; ++i) {
            uint256 index = indices[i];
            if (!dispensedOn.get(index)) revert PackNotDispensedByCaller(batchId, index, msg.sender, day);
            dispensedOn.unset(index);
            dispensed.unset(index);
        }
        Holding memory h = _holdings[batchId][msg.sender];
        uint64 n = uint64(indices.length);
        h.held += n;
        // Every undone pack was counted in `dispensed` when this pharmacy dispensed it.
        unchecked {
            h.dispensed -= n;
        }
        _holdings[batchId][msg.sender] = h;
        emit PacksDispenseUndone(batchId, msg.sender, indices);
    }

    // ---------------------------------------------------------------- consumer claims

    /// @inheritdoc ICustodyLedger
    /// @dev Claims are observations, not moves: they are recorded whatever the batch's status.
    /// The pack count is not re-read here: the index is inside the proven leaf, and a registered
    /// batch's root only commits to its own packs' leaves.
    function claim(BatchId batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external {
        _authorise(msg.sender, ROLE_VERIFIER);
        bytes32 root = _packsRootOf(batchId);
        if (root == bytes32(0)) revert BatchUnknown(batchId);
        if (!MerkleProof.verifyCalldata(proof, root, _leaf(index, commitment))) revert PackInvalidProof(batchId, index);
        _markClaimed(_claimed[batchId], batchId, index);
        emit PacksClaimed(batchId, msg.sender, _one(index));
    }

    /// @inheritdoc ICustodyLedger
    function claimMany(
        BatchId batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external {
        _authorise(msg.sender, ROLE_VERIFIER);
        Batch storage b = _existingBatch(batchId);
        _verifyPacks(batchId, b.packCount, indices, commitments, proof, proofFlags);
        BitMaps.BitMap storage claimed = _claimed[batchId];
        for (uint256 i = 0; i < indices.length; ++i) {
            _markClaimed(claimed, batchId, indices[i]);
        }
        emit PacksClaimed(batchId, msg.sender, indices);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICustodyLedger
    function holding(BatchId batchId, address holder) external view returns (Holding memory) {
        return _holdings[batchId][holder];
    }

    /// @inheritdoc ICustodyLedger
    function shipmentStatus(ShipmentId shipmentId) external view returns (ShipmentStatus) {
        return _shipments[shipmentId];
    }

    /// @inheritdoc ICustodyLedger
    function isDispensed(BatchId batchId, uint256 index) external view returns (bool) {
        return _dispensed[batchId].get(index);
    }

    /// @inheritdoc ICustodyLedger
    function isClaimed(BatchId batchId, uint256 index) external view returns (bool) {
        return _claimed[batchId].get(index);
    }

    /// @inheritdoc ICustodyLedger
    function shipmentIdOf(
        BatchId batchId,
        address from,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external pure returns (ShipmentId) {
        return ShipmentIdLibrary.toId(batchId, from, to, quantity, ref);
    }

    // ---------------------------------------------------------------- internals

    function _openStock(BatchId batchId, address manufacturer, uint64 quantity) internal override {
        _holdings[batchId][manufacturer] = Holding(quantity, 0, 0);
    }

    function _closeShipment(ShipmentId shipmentId, ShipmentStatus closedAs) private {
        ShipmentStatus status = _shipments[shipmentId];
        if (status != ShipmentStatus.InTransit) revert CustodyShipmentNotInTransit(shipmentId, status);
        _shipments[shipmentId] = closedAs;
    }

    /// @notice The batch, which must be movable (see `_movableBatch`) and not expired.
    /// @param batchId the batch
    /// @return packCount the batch's number of packs
    function _dispensableBatch(BatchId batchId) private view returns (uint32 packCount) {
        Batch storage b = _movableBatch(batchId);
        uint32 expiresAt = b.expiresAt;
        if (block.timestamp > expiresAt) revert BatchExpired(batchId, expiresAt);
        packCount = b.packCount;
    }

    /// @dev Takes `n` packs out of the caller's stock of a batch: dispensed, or else written off.
    function _takeFromStock(BatchId batchId, uint64 n, bool dispensed) private {
        Holding memory h = _holdings[batchId][msg.sender];
        if (h.held < n) revert CustodyInsufficientStock(batchId, msg.sender, h.held, n);
        // held >= n was checked above.
        unchecked {
            h.held -= n;
        }
        if (dispensed) h.dispensed += n;
        else h.writtenOff += n;
        _holdings[batchId][msg.sender] = h;
    }

    function _markDispensed(BatchId batchId, uint256 index, BitMaps.BitMap storage today) private {
        BitMaps.BitMap storage dispensed = _dispensed[batchId];
        if (dispensed.get(index)) revert PackAlreadyDispensed(batchId, index);
        dispensed.set(index);
        today.set(index);
    }

    function _markClaimed(BitMaps.BitMap storage claimed, BatchId batchId, uint256 index) private {
        if (claimed.get(index)) revert PackAlreadyClaimed(batchId, index);
        claimed.set(index);
    }

    function _verifyPack(
        BatchId batchId,
        uint32 packCount,
        uint256 index,
        bytes32 commitment,
        bytes32[] calldata proof
    ) private view {
        if (index >= packCount) revert PackIndexOutOfRange(batchId, index, packCount);
        if (!MerkleProof.verifyCalldata(proof, _packsRootOf(batchId), _leaf(index, commitment))) {
            revert PackInvalidProof(batchId, index);
        }
    }

    function _verifyPacks(
        BatchId batchId,
        uint32 packCount,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) private view {
        uint256 n = indices.length;
        if (n == 0 || n != commitments.length) revert PackListMismatch(n, commitments.length);
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 index = indices[i];
            if (index >= packCount) revert PackIndexOutOfRange(batchId, index, packCount);
            leaves[i] = _leaf(index, commitments[i]);
        }
        if (!MerkleProof.multiProofVerifyCalldata(proof, proofFlags, _packsRootOf(batchId), leaves)) {
            revert PackInvalidMultiProof(batchId);
        }
    }

    /// @dev The OpenZeppelin StandardMerkleTree leaf of (uint256 index, bytes32 commitment): the
    /// index is inside the leaf, so a valid proof also proves the pack's position in the bitmaps.
    function _leaf(uint256 index, bytes32 commitment) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, commitment))));
    }

    function _dayKey(BatchId batchId, address pharmacy, uint32 day) private pure returns (bytes32) {
        return keccak256(abi.encode(batchId, pharmacy, day));
    }

    function _today() private view returns (uint32) {
        return uint32(block.timestamp / 1 days);
    }

    function _one(uint256 index) private pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = index;
    }
}
