// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BatchId} from "../types/BatchId.sol";
import {ShipmentId} from "../types/ShipmentId.sol";

/// @title Custody of batches: two-phase hops, dispensing, write-offs and consumer claims
/// @notice Quantities are conserved per batch: the sum of every holder's `held`, plus what is in
/// transit, plus what was dispensed, plus what was written off, always equals the registered
/// pack count. Holders are organisations; members sign (every event names the member as `by`). A
/// shipment ends by the recipient's receipt, the recipient's refusal (back to the sender), or a
/// cancellation the recipient did not contest within CANCEL_NOTICE. Per-pack state (dispensed, claimed)
/// lives in bitmaps indexed by the pack's leaf index; a pack is proven to belong to a batch with a Merkle
/// proof against the batch's root.
interface ICustodyLedger {
    enum ShipmentStatus {
        None,
        InTransit,
        Received,
        Voided,
        Refused,
        CancelRequested
    }

    /// @notice A shipment's state (one slot under its id).
    struct Shipment {
        ShipmentStatus status;
        uint32 cancelRequestedAt; // unix seconds of the sender's cancellation request (0: none)
    }

    /// @notice What one organisation holds of one batch (one storage slot).
    struct Holding {
        uint64 held; // in stock now
        uint64 dispensed; // dispensed by this organisation (net of undos)
        uint64 writtenOff; // shortfalls on receipt and stock destroyed by this organisation
    }

    /// @notice Emitted when the holder sends `quantity` packs to `to` (CBV "shipping").
    /// @param shipmentId the shipment's id (ShipmentIdLibrary.toId of the other parameters)
    /// @param batchId the batch
    /// @param from the sender
    /// @param to the recipient
    /// @param quantity packs shipped
    /// @param ref the sender's reference for the hop (e.g. a hash of the case or pallet SSCC)
    /// @param by the member who signed
    event BatchShipped(
        ShipmentId indexed shipmentId,
        BatchId indexed batchId,
        address indexed from,
        address to,
        uint64 quantity,
        bytes32 ref,
        address by
    );
    /// @notice Emitted when the recipient confirms a shipment (CBV "receiving"). A shortfall
    /// (shipped minus received) is written off at the recipient.
    /// @param shipmentId the shipment
    /// @param batchId the batch
    /// @param to the recipient
    /// @param from the sender
    /// @param received packs that arrived
    /// @param shortfall packs shipped but not received
    /// @param by the member who signed
    event ShipmentReceived(
        ShipmentId indexed shipmentId,
        BatchId indexed batchId,
        address indexed to,
        address from,
        uint64 received,
        uint64 shortfall,
        address by
    );
    /// @notice Emitted when the recipient refuses a shipment (an unsolicited or wrong one): the quantity
    /// returns to the sender's stock and nothing is booked to the recipient.
    /// @param shipmentId the shipment
    /// @param batchId the batch
    /// @param to the recipient
    /// @param from the sender
    /// @param by the member who signed
    event ShipmentRefused(
        ShipmentId indexed shipmentId,
        BatchId indexed batchId,
        address indexed to,
        address from,
        address by
    );
    /// @notice Emitted when the sender asks to cancel a shipment in transit; the recipient may contest
    /// (confirm receipt) or accept (refuse) within CANCEL_NOTICE, after which the sender may complete it.
    /// @param shipmentId the shipment
    /// @param batchId the batch
    /// @param from the sender
    /// @param by the member who signed
    event ShipmentCancelRequested(
        ShipmentId indexed shipmentId,
        BatchId indexed batchId,
        address indexed from,
        address by
    );
    /// @notice Emitted when the sender completes an uncontested cancellation (CBV "void_shipping");
    /// the quantity returns to the sender's stock.
    /// @param shipmentId the shipment
    /// @param batchId the batch
    /// @param from the sender
    /// @param by the member who signed
    event ShipmentVoided(ShipmentId indexed shipmentId, BatchId indexed batchId, address indexed from, address by);
    /// @notice Emitted when a holder writes stock off (CBV "destroying": damaged, expired, stolen).
    /// @param batchId the batch
    /// @param holder the organisation writing it off
    /// @param quantity packs written off
    /// @param reason why, as sent
    /// @param by the member who signed
    event StockDestroyed(BatchId indexed batchId, address indexed holder, uint64 quantity, string reason, address by);
    /// @notice Emitted when a pharmacy dispenses packs to patients (CBV "dispensing").
    /// @param batchId the batch
    /// @param pharmacy the dispensing pharmacy
    /// @param indices the packs' leaf indices
    /// @param by the member who signed
    event PacksDispensed(BatchId indexed batchId, address indexed pharmacy, uint256[] indices, address by);
    /// @notice Emitted when a pharmacy undoes its own recent dispense of packs.
    /// @param batchId the batch
    /// @param pharmacy the pharmacy that dispensed them
    /// @param indices the packs' leaf indices
    /// @param by the member who signed
    event PacksDispenseUndone(BatchId indexed batchId, address indexed pharmacy, uint256[] indices, address by);
    /// @notice Emitted when the verification service records the first successful consumer
    /// verification of packs.
    /// @param batchId the batch
    /// @param verifier the verification service's organisation
    /// @param indices the packs' leaf indices
    /// @param by the member who signed
    event PacksClaimed(BatchId indexed batchId, address indexed verifier, uint256[] indices, address by);

    /// @notice The holder has less stock of the batch than the operation needs.
    /// @param batchId the batch
    /// @param holder the organisation
    /// @param held what it holds
    /// @param requested what the operation needs
    error CustodyInsufficientStock(BatchId batchId, address holder, uint64 held, uint64 requested);
    /// @notice Quantities must be positive.
    error CustodyZeroQuantity();
    /// @notice An organisation cannot ship to itself.
    /// @param account the sender and recipient
    error CustodySelfShipment(address account);
    /// @notice A shipment with the same batch, parties, quantity and reference already exists.
    /// @param shipmentId its id
    error CustodyShipmentExists(ShipmentId shipmentId);
    /// @notice The shipment is not in transit (never shipped, or already received, refused or voided;
    /// for a cancellation request, also one already requested).
    /// @param shipmentId the id the parameters name
    /// @param status its status (None: never shipped)
    error CustodyShipmentNotInTransit(ShipmentId shipmentId, ShipmentStatus status);
    /// @notice The sender asked to complete a cancellation it never requested (or that was closed since).
    /// @param shipmentId the shipment
    /// @param status its status
    error CustodyCancelNotRequested(ShipmentId shipmentId, ShipmentStatus status);
    /// @notice The recipient still has time to contest the cancellation (CANCEL_NOTICE).
    /// @param shipmentId the shipment
    /// @param endsAt the first second (unix) at which the sender may complete it
    error CustodyCancelNoticeRunning(ShipmentId shipmentId, uint256 endsAt);
    /// @notice More was declared received than was shipped.
    /// @param shipmentId the shipment
    /// @param shipped packs shipped
    /// @param received packs declared received
    error CustodyReceivedExceedsShipped(ShipmentId shipmentId, uint64 shipped, uint64 received);
    /// @notice A write-off needs a reason of 1 to 512 bytes.
    /// @param length the reason's length in bytes
    error CustodyInvalidReason(uint256 length);
    /// @notice The write-off reason is not UTF-8, or holds a control, bidirectional or invisible
    /// character (the list is in libraries/Text.sol).
    /// @param position byte offset (from 0) of the first such character
    /// @param codePoint its code point, or 0xffffffff where the bytes are not UTF-8
    error CustodyInvalidReasonCharacter(uint256 position, uint32 codePoint);

    /// @notice The leaf index is not below the batch's pack count.
    /// @param batchId the batch
    /// @param index the leaf index sent
    /// @param packCount the batch's pack count
    error PackIndexOutOfRange(BatchId batchId, uint256 index, uint32 packCount);
    /// @notice The proof does not show this pack in the batch.
    /// @param batchId the batch
    /// @param index the leaf index sent
    error PackInvalidProof(BatchId batchId, uint256 index);
    /// @notice The multiproof does not show these packs in the batch.
    /// @param batchId the batch
    error PackInvalidMultiProof(BatchId batchId);
    /// @notice Indices and commitments differ in length, or the list is empty.
    /// @param indices the number of indices
    /// @param commitments the number of commitments
    error PackListMismatch(uint256 indices, uint256 commitments);
    /// @notice The pack was dispensed before (EU FMD alert A7, "already decommissioned").
    /// @param batchId the batch
    /// @param index the pack's leaf index
    error PackAlreadyDispensed(BatchId batchId, uint256 index);
    /// @notice The pack was not dispensed by the caller's pharmacy in `hour`.
    /// @param batchId the batch
    /// @param index the pack's leaf index
    /// @param pharmacy the caller's organisation
    /// @param hour the unix hour number sent (timestamp / 3600)
    error PackNotDispensedByCaller(BatchId batchId, uint256 index, address pharmacy, uint32 hour);
    /// @notice The undo window (UNDO_WINDOW_HOURS from the start of the hour of dispensing) has closed,
    /// or the hour is in the future.
    /// @param batchId the batch
    /// @param hour the unix hour number sent
    /// @param currentHour the current unix hour number
    error PackUndoWindowClosed(BatchId batchId, uint32 hour, uint32 currentHour);
    /// @notice A consumer verification of the pack was recorded before; the first one stands.
    /// @param batchId the batch
    /// @param index the pack's leaf index
    error PackAlreadyClaimed(BatchId batchId, uint256 index);

    /// @notice Sends `quantity` of the caller's organisation's stock of a batch to `to`. The caller needs
    /// PERMIT_SHIP; an expired batch goes only back to its manufacturer. Emits {BatchShipped}.
    /// @param batchId the batch
    /// @param to the recipient, an organisation with a custody role
    /// @param quantity packs shipped, at most what the caller holds
    /// @param ref the sender's reference, unique among its shipments of the same batch, quantity and recipient
    /// @return shipmentId the shipment's id
    function ship(BatchId batchId, address to, uint64 quantity, bytes32 ref) external returns (ShipmentId shipmentId);

    /// @notice The recipient confirms a shipment, stating how many packs actually arrived; also while a
    /// cancellation is requested (contesting it). The caller needs PERMIT_SHIP. Emits {ShipmentReceived}.
    /// @param batchId the batch
    /// @param from the sender
    /// @param quantity packs shipped
    /// @param ref the sender's reference
    /// @param receivedQuantity packs that arrived, at most `quantity`; the rest is written off
    /// @return shipmentId the shipment's id
    function confirmReceipt(
        BatchId batchId,
        address from,
        uint64 quantity,
        bytes32 ref,
        uint64 receivedQuantity
    ) external returns (ShipmentId shipmentId);

    /// @notice The recipient refuses a shipment in transit (or whose cancellation is requested), whatever
    /// the batch's status or expiry: the quantity returns to the sender's stock, nothing is booked to the
    /// recipient. The caller needs PERMIT_SHIP. Emits {ShipmentRefused}.
    /// @param batchId the batch
    /// @param from the sender
    /// @param quantity packs shipped
    /// @param ref the sender's reference
    /// @return shipmentId the shipment's id
    function refuseShipment(
        BatchId batchId,
        address from,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId);

    /// @notice The sender asks to cancel a shipment in transit; the recipient has CANCEL_NOTICE to contest
    /// it by confirming receipt. The caller needs PERMIT_SHIP. Emits {ShipmentCancelRequested}.
    /// @param batchId the batch
    /// @param to the recipient
    /// @param quantity packs shipped
    /// @param ref the sender's reference
    /// @return shipmentId the shipment's id
    function cancelShipment(
        BatchId batchId,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId);

    /// @notice The sender completes a cancellation the recipient did not contest within CANCEL_NOTICE:
    /// the quantity returns to its stock. The caller needs PERMIT_SHIP. Emits {ShipmentVoided}.
    /// @param batchId the batch
    /// @param to the recipient
    /// @param quantity packs shipped
    /// @param ref the sender's reference
    /// @return shipmentId the shipment's id
    function completeCancellation(
        BatchId batchId,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external returns (ShipmentId shipmentId);

    /// @notice The holder writes off stock it can no longer sell (damaged, destroyed, stolen, expired).
    /// The caller needs PERMIT_WRITE_OFF. Emits {StockDestroyed}.
    /// @param batchId the batch
    /// @param quantity packs written off, at most what the caller holds
    /// @param reason 1 to 512 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function writeOff(BatchId batchId, uint64 quantity, string calldata reason) external;

    /// @notice A pharmacy dispenses one pack it holds. The caller needs PERMIT_DISPENSE. Emits {PacksDispensed}.
    /// @param batchId the batch
    /// @param index the pack's leaf index
    /// @param commitment the pack's commitment (the leaf's second field)
    /// @param proof the Merkle proof of the leaf
    function dispense(BatchId batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external;

    /// @notice A pharmacy dispenses many packs of one batch in one call, proven by one
    /// OpenZeppelin multiproof; `indices[i]`/`commitments[i]` must be in the multiproof's leaf order.
    /// Emits {PacksDispensed}.
    /// @param batchId the batch
    /// @param indices the packs' leaf indices
    /// @param commitments the packs' commitments, in the same order
    /// @param proof the multiproof's sibling hashes
    /// @param proofFlags the multiproof's flags
    function dispenseMany(
        BatchId batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external;

    /// @notice The pharmacy that dispensed packs in `hour` (unix hour number) puts them back into its
    /// stock, until UNDO_WINDOW_HOURS after the start of that hour, whatever the batch's status (a recalled
    /// pack is then returned or written off). The caller needs PERMIT_DISPENSE. Emits {PacksDispenseUndone}.
    /// @param batchId the batch
    /// @param hour the unix hour number (timestamp / 3600) of the dispense
    /// @param indices the packs' leaf indices
    function undoDispense(BatchId batchId, uint32 hour, uint256[] calldata indices) external;

    /// @notice The verifier records the first successful consumer verification of one pack. The caller
    /// needs PERMIT_CLAIM. Emits {PacksClaimed}.
    /// @param batchId the batch
    /// @param index the pack's leaf index
    /// @param commitment the pack's commitment
    /// @param proof the Merkle proof of the leaf
    function claim(BatchId batchId, uint256 index, bytes32 commitment, bytes32[] calldata proof) external;

    /// @notice The verifier records first consumer verifications of many packs of one batch, proven as
    /// in {dispenseMany}. Emits {PacksClaimed}.
    /// @param batchId the batch
    /// @param indices the packs' leaf indices
    /// @param commitments the packs' commitments, in the same order
    /// @param proof the multiproof's sibling hashes
    /// @param proofFlags the multiproof's flags
    function claimMany(
        BatchId batchId,
        uint256[] calldata indices,
        bytes32[] calldata commitments,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external;

    /// @notice What `holder` has of a batch.
    /// @param batchId the batch
    /// @param holder the organisation id
    /// @return its stock, dispensed and written-off counts
    function holding(BatchId batchId, address holder) external view returns (Holding memory);

    /// @notice The state of a shipment.
    /// @param shipmentId the shipment
    /// @return its status (None: unknown)
    function shipmentStatus(ShipmentId shipmentId) external view returns (ShipmentStatus);

    /// @notice Whether the pack with leaf index `index` is dispensed.
    /// @param batchId the batch
    /// @param index the pack's leaf index
    /// @return true when dispensed (and not undone)
    function isDispensed(BatchId batchId, uint256 index) external view returns (bool);

    /// @notice Whether a consumer verification of the pack was recorded.
    /// @param batchId the batch
    /// @param index the pack's leaf index
    /// @return true when recorded
    function isClaimed(BatchId batchId, uint256 index) external view returns (bool);

    /// @notice The id of a shipment with these parameters.
    /// @param batchId the batch
    /// @param from the sender
    /// @param to the recipient
    /// @param quantity packs shipped
    /// @param ref the sender's reference
    /// @return ShipmentIdLibrary.toId(batchId, from, to, quantity, ref)
    function shipmentIdOf(
        BatchId batchId,
        address from,
        address to,
        uint64 quantity,
        bytes32 ref
    ) external pure returns (ShipmentId);
}
