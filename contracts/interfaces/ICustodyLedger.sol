// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Custody of batches: two-phase hops, dispensing, write-offs and consumer claims
/// @notice Quantities are conserved per batch: the sum of every holder's `held`, plus what is in
/// transit, plus what was dispensed, plus what was written off, always equals the registered
/// pack count. Per-pack state (dispensed, claimed) lives in bitmaps indexed by the pack's leaf
/// index; a pack is proven to belong to a batch with a Merkle proof against the batch's root.
interface ICustodyLedger {
    enum ShipmentStatus {
        None,
        InTransit,
        Received,
        Voided
    }

    /// @notice What one organisation holds of one batch (one storage slot).
    struct Holding {
        uint64 held; // in stock now
        uint64 dispensed; // dispensed by this organisation (net of undos)
        uint64 writtenOff; // shortfalls on receipt and stock destroyed by this organisation
    }

    /// @notice Emitted when the holder sends `quantity` packs to `to` (CBV "shipping").
    /// @param shipmentId keccak256(abi.encode(batchId, from, to, quantity, ref))
    /// @param ref the sender's reference for the hop (e.g. a hash of the case or pallet SSCC)
    event BatchShipped(
        bytes32 indexed shipmentId,
        bytes32 indexed batchId,
        address indexed from,
        address to,
        uint64 quantity,
        bytes32 ref
    );
    /// @notice Emitted when the recipient confirms a shipment (CBV "receiving"). A shortfall
    /// (shipped minus received) is written off at the recipient.
    event ShipmentReceived(
        bytes32 indexed shipmentId,
        bytes32 indexed batchId,
        address indexed to,
        address from,
        uint64 received,
        uint64 shortfall
    );
    /// @notice Emitted when the sender cancels a shipment before receipt (CBV "void_shipping");
    /// the quantity returns to the sender's stock.
    event ShipmentVoided(bytes32 indexed shipmentId, bytes32 indexed batchId, address indexed from);
    /// @notice Emitted when a holder writes stock off (CBV "destroying": damaged, expired, stolen).
    event StockDestroyed(bytes32 indexed batchId, address indexed holder, uint64 quantity, string reason);
    /// @notice Emitted when a pharmacy dispenses packs to patients (CBV "dispensing").
    event PacksDispensed(bytes32 indexed batchId, address indexed pharmacy, uint256[] indices);
    /// @notice Emitted when a pharmacy undoes its own recent dispense of packs.
    event PacksDispenseUndone(bytes32 indexed batchId, address indexed pharmacy, uint256[] indices);
    /// @notice Emitted when the verification service records the first successful consumer
    /// verification of packs.
    event PacksClaimed(bytes32 indexed batchId, address indexed verifier, uint256[] indices);

    /// @notice The holder has less stock of the batch than the operation needs.
    error CustodyInsufficientStock(bytes32 batchId, address holder, uint64 held, uint64 requested);
    /// @notice Quantities must be positive.
    error CustodyZeroQuantity();
    /// @notice An organisation cannot ship to itself.
    error CustodySelfShipment(address account);
    /// @notice A shipment with the same batch, parties, quantity and reference already exists.
    error CustodyShipmentExists(bytes32 shipmentId);
    /// @notice The shipment is not in transit (never shipped, already received or voided).
    error CustodyShipmentNotInTransit(bytes32 shipmentId, ShipmentStatus status);
    /// @notice More was declared received than was shipped.
    error CustodyReceivedExceedsShipped(bytes32 shipmentId, uint64 shipped, uint64 received);
    /// @notice A write-off needs a reason of 1 to 512 bytes.
    error CustodyInvalidReason(uint256 length);
    /// @notice The write-off reason is not UTF-8, or holds a control, bidirectional or invisible
    /// character (the list is in libraries/Text.sol).
    /// @param position byte offset (from 0) of the first such character
    /// @param codePoint its code point, or 0xffffffff where the bytes are not UTF-8
    error CustodyInvalidReasonCharacter(uint256 position, uint32 codePoint);

    /// @notice The leaf index is not below the batch's pack count.
    error PackIndexOutOfRange(bytes32 batchId, uint256 index, uint32 packCount);
    /// @notice The proof does not show this pack in the batch.
    error PackInvalidProof(bytes32 batchId, uint256 index);
    /// @notice The multiproof does not show these packs in the batch.
    error PackInvalidMultiProof(bytes32 batchId);
    /// @notice Indices and commitments differ in length, or the list is empty.
    error PackListMismatch(uint256 indices, uint256 commitments);
    /// @notice The pack was dispensed before (EU FMD alert A7, "already decommissioned").
    error PackAlreadyDispensed(bytes32 batchId, uint256 index);
    /// @notice The pack was not dispensed by the caller on `day`.
    error PackNotDispensedByCaller(bytes32 batchId, uint256 index, address pharmacy, uint32 day);
    /// @notice The undo window (UNDO_WINDOW_DAYS after the day of dispensing) has closed.
    error PackUndoWindowClosed(bytes32 batchId, uint32 day, uint32 today);
    /// @notice A consumer verification of the pack was recorded before; the first one stands.
    error PackAlreadyClaimed(bytes32 batchId, uint256 index);

    /// @notice Sends `quantity` of the caller's stock of a batch to `to`. The caller must hold it.
    function ship(bytes32 batchId, address to, uint64 quantity, bytes32 ref) external returns (bytes32 shipmentId);

    /// @notice The recipient confirms a shipment, stating how many packs actually arrived.
    function confirmReceipt(
        bytes32 batchId,
        address from,
        uint64 quantity,
        bytes32 ref,
        uint64 receivedQuantity
    ) external returns (bytes32 shipmentId);

    /// @notice The sender cancels a shipment that has not been received.
    function cancelShipment(
        bytes32 batchId,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external returns (bytes32 shipmentId);

    /// @notice The holder writes off stock it can no longer sell (damaged, destroyed, stolen).
    /// @param batchId the batch
    /// @param quantity packs written off, at most what the caller holds
    /// @param reason 1 to 512 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function writeOff(bytes32 batchId, uint64 quantity, string calldata reason) external;

    /// @notice A pharmacy dispenses one pack it holds.
    function dispense(bytes32 batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external;

    /// @notice A pharmacy dispenses many packs of one batch in one call, proven by one
    /// OpenZeppelin multiproof; `indices[i]`/`commitments[i]` must be in the multiproof's leaf order.
    function dispenseMany(
        bytes32 batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external;

    /// @notice The pharmacy that dispensed packs on `day` (unix day number) puts them back
    /// into its stock, within UNDO_WINDOW_DAYS.
    function undoDispense(bytes32 batchId, uint32 day, uint256[] calldata indices) external;

    /// @notice The verifier records the first successful consumer verification of one pack.
    function claim(bytes32 batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external;

    /// @notice The verifier records first consumer verifications of many packs of one batch.
    function claimMany(
        bytes32 batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external;

    /// @notice What `holder` has of a batch.
    function holding(bytes32 batchId, address holder) external view returns (Holding memory);

    /// @notice The state of a shipment.
    function shipmentStatus(bytes32 shipmentId) external view returns (ShipmentStatus);

    /// @notice Whether the pack with leaf index `index` is dispensed.
    function isDispensed(bytes32 batchId, uint256 index) external view returns (bool);

    /// @notice Whether a consumer verification of the pack was recorded.
    function isClaimed(bytes32 batchId, uint256 index) external view returns (bool);

    /// @notice The id of a shipment with these parameters.
    function shipmentIdOf(
        bytes32 batchId,
        address from,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external pure returns (bytes32);
}
