// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {ICustodyLedger} from "./interfaces/ICustodyLedger.sol";
import {BatchRegistry} from "./BatchRegistry.sol";
import {PasskeyIntents} from "./PasskeyIntents.sol";
import {BatchId} from "./types/BatchId.sol";
import {ShipmentId, ShipmentIdLibrary} from "./types/ShipmentId.sol";
import {Text} from "./libraries/Text.sol";

/// @title The custody ledger: organisations, batches, hops, dispensing and consumer claims
/// @notice The one contract the network deploys, behind an OpenZeppelin ERC1967Proxy (UUPS): the
/// council upgrades it, after its delay, without losing state. Multicall lets a pharmacy or the
/// verification service settle a queue that spans several batches in one transaction. Passkey members write
/// through PasskeyIntents, relayed by anyone.
contract CustodyLedger is ICustodyLedger, BatchRegistry, PasskeyIntents, Initializable, UUPSUpgradeable, Multicall {
    using BitMaps for BitMaps.BitMap;

    /// @notice EU FMD allows undoing a dispense at the same location within 240 hours.
    uint32 public constant UNDO_WINDOW_HOURS = 240;
    /// @notice How long a recipient has to contest a cancellation before the sender may complete it.
    uint32 public constant CANCEL_NOTICE = 48 hours;
    uint256 private constant MAX_REASON_LENGTH = 512;

    mapping(BatchId batchId => mapping(address holder => Holding)) private _holdings;
    /// @dev A shipment is stored as its status under the hash of its parameters: one slot per hop.
    mapping(ShipmentId shipmentId => Shipment) private _shipments;
    mapping(BatchId batchId => BitMaps.BitMap) private _dispensed;
    mapping(BatchId batchId => BitMaps.BitMap) private _claimed;
    /// @dev keccak256(batchId, pharmacy, hour) => packs that pharmacy dispensed that hour. It is what
    /// lets an undo prove who dispensed a pack and when, without a per-pack record.
    mapping(bytes32 dispenseHour => BitMaps.BitMap) private _dispensedIn;

    /// @notice The implementation is only ever used through a proxy: it cannot be initialised itself.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: the council and the first organisation, a regulator.
    /// Emits {OrganisationOnboarded} and {MemberAdded}.
    /// @param council_ the AccessManager of the regulator council
    /// @param regulatorAdmin the regulator's founding admin (its organisation id)
    /// @param regulatorGln its GS1 Global Location Number (13 digits)
    /// @param regulatorCountry ISO 3166-1 alpha-2 code
    /// @param regulatorName 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function initialize(
        address council_,
        address regulatorAdmin,
        uint64 regulatorGln,
        bytes2 regulatorCountry,
        string calldata regulatorName
    ) external initializer {
        _initialiseRegistry(council_, regulatorAdmin, regulatorGln, regulatorCountry, regulatorName);
    }

    // ---------------------------------------------------------------- custody hops

    /// @inheritdoc ICustodyLedger
    function ship(BatchId batchId, address to, uint64 quantity, bytes32 ref) external returns (ShipmentId shipmentId) {
        (address from, ) = _authorise(CUSTODY_ROLES, PERMIT_SHIP);
        if (quantity == 0) revert CustodyZeroQuantity();
        if (to == from) revert CustodySelfShipment(to);
        _organisationFor(to, CUSTODY_ROLES);
        Batch storage b = _movableBatch(batchId);
        // Expired stock moves only back to its manufacturer (to be destroyed there).
        uint32 expiresAt = b.expiresAt;
        if (block.timestamp > expiresAt && to != b.manufacturer) revert BatchExpired(batchId, expiresAt);
        Holding storage h = _holdings[batchId][from];
        uint64 held = h.held;
        if (held < quantity) revert CustodyInsufficientStock(batchId, from, held, quantity);
        shipmentId = ShipmentIdLibrary.toId(batchId, from, to, quantity, ref);
        if (_shipments[shipmentId].status != ShipmentStatus.None) revert CustodyShipmentExists(shipmentId);

        // held >= quantity was checked above.
        unchecked {
            h.held = held - quantity;
        }
        _shipments[shipmentId] = Shipment(ShipmentStatus.InTransit, 0);
        emit BatchShipped(shipmentId, batchId, from, to, quantity, ref, _actor());
    }

    /// @inheritdoc ICustodyLedger
    /// @dev Allowed while the batch is recalled, quarantined or expired: the goods did arrive, and the
    /// recipient must account for them (then hold, return or destroy them).
    function confirmReceipt(
        BatchId batchId,
        address from,
        uint64 quantity,
        bytes32 ref,
        uint64 receivedQuantity
    ) external returns (ShipmentId shipmentId) {
        address to;
        (to, shipmentId) = _closeShipment(batchId, from, quantity, ref, ShipmentStatus.Received);
        if (receivedQuantity > quantity) {
            revert CustodyReceivedExceedsShipped(shipmentId, quantity, receivedQuantity);
        }
        uint64 shortfall;
        // receivedQuantity <= quantity was checked above.
        unchecked {
            shortfall = quantity - receivedQuantity;
        }
        Holding memory h = _holdings[batchId][to];
        h.held += receivedQuantity;
        h.writtenOff += shortfall;
        _holdings[batchId][to] = h;
        emit ShipmentReceived(shipmentId, batchId, to, from, receivedQuantity, shortfall, _actor());
    }

    /// @inheritdoc ICustodyLedger
    function refuseShipment(
        BatchId batchId,
        address from,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId) {
        (address to, ShipmentId id) = _closeShipment(batchId, from, quantity, ref, ShipmentStatus.Refused);
        _holdings[batchId][from].held += quantity;
        emit ShipmentRefused(id, batchId, to, from, _actor());
        return id;
    }

    /// @inheritdoc ICustodyLedger
    function cancelShipment(
        BatchId batchId,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId) {
        return _cancel(batchId, to, quantity, ref, false);
    }

    /// @inheritdoc ICustodyLedger
    function completeCancellation(
        BatchId batchId,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId) {
        return _cancel(batchId, to, quantity, ref, true);
    }

    /// @inheritdoc ICustodyLedger
    /// @dev Allowed while recalled, quarantined or expired: destroying such stock is the point.
    function writeOff(BatchId batchId, uint64 quantity, string calldata reason) external {
        (address holder, ) = _authorise(CUSTODY_ROLES, PERMIT_WRITE_OFF);
        _existingBatch(batchId);
        if (quantity == 0) revert CustodyZeroQuantity();
        uint256 reasonLength = bytes(reason).length;
        if (reasonLength == 0 || reasonLength > MAX_REASON_LENGTH) revert CustodyInvalidReason(reasonLength);
        (uint256 position, uint32 codePoint) = Text.firstForbidden(bytes(reason));
        if (position < reasonLength) revert CustodyInvalidReasonCharacter(position, codePoint);
        _takeFromStock(batchId, holder, quantity, false);
        emit StockDestroyed(batchId, holder, quantity, reason, _actor());
    }

    // ---------------------------------------------------------------- dispensing

    /// @inheritdoc ICustodyLedger
    function dispense(BatchId batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external {
        (address pharmacy, ) = _authorise(ROLE_PHARMACY, PERMIT_DISPENSE);
        _verifyPack(batchId, _dispensableBatch(batchId), index, commitment, proof);
        _takeFromStock(batchId, pharmacy, 1, true);
        BitMaps.BitMap storage thisHour = _dispensedIn[_hourKey(batchId, pharmacy, _currentHour())];
        _markDispensed(batchId, index, thisHour);
        emit PacksDispensed(batchId, pharmacy, _one(index), _actor());
    }

    /// @inheritdoc ICustodyLedger
    function dispenseMany(
        BatchId batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external {
        (address pharmacy, ) = _authorise(ROLE_PHARMACY, PERMIT_DISPENSE);
        _verifyPacks(batchId, _dispensableBatch(batchId), indices, commitments, proof, proofFlags);
        _takeFromStock(batchId, pharmacy, uint64(indices.length), true);
        BitMaps.BitMap storage thisHour = _dispensedIn[_hourKey(batchId, pharmacy, _currentHour())];
        for (uint256 i = 0; i < indices.length; ++i) {
            _markDispensed(batchId, indices[i], thisHour);
        }
        emit PacksDispensed(batchId, pharmacy, indices, _actor());
    }

    /// @inheritdoc ICustodyLedger
    /// @dev Allowed whatever the batch's status: a pack dispensed by mistake before a recall goes back
    /// to stock, to be returned or written off.
    function undoDispense(BatchId batchId, uint32 hour, uint256[] calldata indices) external {
        (address pharmacy, ) = _authorise(ROLE_PHARMACY, PERMIT_DISPENSE);
        _existingBatch(batchId);
        if (indices.length == 0) revert PackListMismatch(0, 0);
        uint32 currentHour = _currentHour();
        // The window ends UNDO_WINDOW_HOURS after the start of the hour of dispensing, so no pack is
        // undone more than 240 h after it was dispensed.
        if (hour > currentHour || block.timestamp > uint256(hour) * 1 hours + uint256(UNDO_WINDOW_HOURS) * 1 hours) {
            revert PackUndoWindowClosed(batchId, hour, currentHour);
        }
        BitMaps.BitMap storage dispensedIn = _dispensedIn[_hourKey(batchId, pharmacy, hour)];
        BitMaps.BitMap storage dispensed = _dispensed[batchId];
        for (uint256 i = 0; i < indices.length; ++i) {
            uint256 index = indices[i];
            if (!dispensedIn.get(index)) revert PackNotDispensedByCaller(batchId, index, pharmacy, hour);
            dispensedIn.unset(index);
            dispensed.unset(index);
        }
        Holding memory h = _holdings[batchId][pharmacy];
        uint64 n = uint64(indices.length);
        h.held += n;
        // Every undone pack was counted in `dispensed` when this pharmacy dispensed it.
        unchecked {
            h.dispensed -= n;
        }
        _holdings[batchId][pharmacy] = h;
        emit PacksDispenseUndone(batchId, pharmacy, indices, _actor());
    }

    // ---------------------------------------------------------------- consumer claims

    /// @inheritdoc ICustodyLedger
    /// @dev Claims are observations, not moves: they are recorded whatever the batch's status. The index
    /// is bounded by the pack count as in claimMany: a root is the manufacturer's word, not a proof that
    /// it holds no leaf beyond the batch.
    function claim(BatchId batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external {
        (address verifier, ) = _authorise(ROLE_VERIFIER, PERMIT_CLAIM);
        _verifyPack(batchId, _existingBatch(batchId).packCount, index, commitment, proof);
        _markClaimed(_claimed[batchId], batchId, index);
        emit PacksClaimed(batchId, verifier, _one(index), _actor());
    }

    /// @inheritdoc ICustodyLedger
    function claimMany(
        BatchId batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external {
        (address verifier, ) = _authorise(ROLE_VERIFIER, PERMIT_CLAIM);
        Batch storage b = _existingBatch(batchId);
        _verifyPacks(batchId, b.packCount, indices, commitments, proof, proofFlags);
        BitMaps.BitMap storage claimed = _claimed[batchId];
        for (uint256 i = 0; i < indices.length; ++i) {
            _markClaimed(claimed, batchId, indices[i]);
        }
        emit PacksClaimed(batchId, verifier, indices, _actor());
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICustodyLedger
    function holding(BatchId batchId, address holder) external view returns (Holding memory) {
        return _holdings[batchId][holder];
    }

    /// @inheritdoc ICustodyLedger
    function shipmentStatus(ShipmentId shipmentId) external view returns (ShipmentStatus) {
        return _shipments[shipmentId].status;
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

    /// @dev The sender's side of a cancellation: the request (InTransit -> CancelRequested), or its
    /// completion once CANCEL_NOTICE has passed uncontested (CancelRequested -> Voided, stock back).
    function _cancel(
        BatchId batchId,
        address to,
        uint64 quantity,
        bytes32 ref,
        bool complete
    ) private returns (ShipmentId shipmentId) {
        (address from, ) = _authorise(CUSTODY_ROLES, PERMIT_SHIP);
        shipmentId = ShipmentIdLibrary.toId(batchId, from, to, quantity, ref);
        Shipment storage s = _shipments[shipmentId];
        ShipmentStatus status = s.status;
        if (!complete) {
            if (status != ShipmentStatus.InTransit) revert CustodyShipmentNotInTransit(shipmentId, status);
            (s.status, s.cancelRequestedAt) = (ShipmentStatus.CancelRequested, uint32(block.timestamp));
            emit ShipmentCancelRequested(shipmentId, batchId, from, _actor());
            return shipmentId;
        }
        if (status != ShipmentStatus.CancelRequested) revert CustodyCancelNotRequested(shipmentId, status);
        uint256 endsAt = uint256(s.cancelRequestedAt) + CANCEL_NOTICE;
        if (block.timestamp < endsAt) revert CustodyCancelNoticeRunning(shipmentId, endsAt);
        s.status = ShipmentStatus.Voided;
        _holdings[batchId][from].held += quantity;
        emit ShipmentVoided(shipmentId, batchId, from, _actor());
    }

    /// @notice Upgrades answer to the council alone (after its delay, which members can see).
    function _authorizeUpgrade(address) internal view override {
        _onlyCouncil();
    }

    /// @dev The recipient (the caller's organisation) closes a shipment: in transit, or with a cancellation
    /// requested (which a receipt contests and a refusal accepts).
    function _closeShipment(
        BatchId batchId,
        address from,
        uint64 quantity,
        bytes32 ref,
        ShipmentStatus closedAs
    ) private returns (address to, ShipmentId shipmentId) {
        (to, ) = _authorise(CUSTODY_ROLES, PERMIT_SHIP);
        shipmentId = ShipmentIdLibrary.toId(batchId, from, to, quantity, ref);
        Shipment storage s = _shipments[shipmentId];
        ShipmentStatus status = s.status;
        if (status != ShipmentStatus.InTransit && status != ShipmentStatus.CancelRequested) {
            revert CustodyShipmentNotInTransit(shipmentId, status);
        }
        s.status = closedAs;
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

    /// @dev Takes `n` packs out of the holder's stock of a batch: dispensed, or else written off.
    function _takeFromStock(BatchId batchId, address holder, uint64 n, bool dispensed) private {
        Holding memory h = _holdings[batchId][holder];
        if (h.held < n) revert CustodyInsufficientStock(batchId, holder, h.held, n);
        // held >= n was checked above.
        unchecked {
            h.held -= n;
        }
        if (dispensed) h.dispensed += n;
        else h.writtenOff += n;
        _holdings[batchId][holder] = h;
    }

    function _markDispensed(BatchId batchId, uint256 index, BitMaps.BitMap storage thisHour) private {
        BitMaps.BitMap storage dispensed = _dispensed[batchId];
        if (dispensed.get(index)) revert PackAlreadyDispensed(batchId, index);
        dispensed.set(index);
        thisHour.set(index);
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

    function _hourKey(BatchId batchId, address pharmacy, uint32 hour) private pure returns (bytes32) {
        return keccak256(abi.encode(batchId, pharmacy, hour));
    }

    function _currentHour() private view returns (uint32) {
        return uint32(block.timestamp / 1 hours);
    }

    function _one(uint256 index) private pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = index;
    }
}
