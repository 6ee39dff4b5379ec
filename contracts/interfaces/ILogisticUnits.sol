// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BatchId} from "../types/BatchId.sol";
import {ShipmentId} from "../types/ShipmentId.sol";
import {ICustodyLedger} from "./ICustodyLedger.sol";
import {IRelayedIntents} from "./IRelayedIntents.sol";

/// @title Logistic units: cases and pallets, each named by its GS1 SSCC, with committed contents
/// @notice A unit commits to what it holds with a Merkle root over its leaves: one per pack
/// (keccak256(bytes.concat(keccak256(abi.encode(batchId, uint256(index)))))) and one per unit packed into it
/// (keccak256(bytes.concat(keccak256(abi.encode(uint256(childSscc), childContentsRoot)))))). The leaves are sorted
/// ascending and neighbours hashed pairwise with OpenZeppelin's commutative keccak256, an odd last one carried
/// up, so OpenZeppelin's MerkleProof.verify checks that a pack or a case is inside. Stock never moves here:
/// shipping a unit is the ledger's ship of every batch inside it with ref = the SSCC, receiving it the
/// ledger's confirmReceipt of those shipments, so the ledger's quantity conservation is untouched. A unit
/// that was never opened implies its contents (GS1 aggregation inference). Passkey members act through
/// {IRelayedIntents-executeIntent}: the member signs for this contract (its own nonces and EIP-712 domain), and
/// its organisation's relayed writes here are counted a UTC day against the limit the council set on the ledger.
interface ILogisticUnits is IRelayedIntents {
    enum UnitStatus {
        None,
        Packed,
        Opened
    }

    /// @notice Packs of one batch, by their leaf indices (ascending, no repeats).
    struct PackGroup {
        BatchId batchId;
        uint32[] indices;
    }

    /// @notice A unit as `unit()` reports it (a return value: storage keeps organisation, packs and status
    /// in one slot).
    // solhint-disable-next-line gas-struct-packing
    struct Unit {
        address organisation; // who packed it
        address holder; // who may open it, or pack it into another unit, now
        bytes32 contentsRoot; // Merkle root of its leaves (see the title)
        uint32 packs; // packs inside, its children's included
        UnitStatus status;
        uint256 parent; // SSCC of the unit it is packed into, 0 when none
    }

    /// @notice A shipment with ref = the unit's SSCC, from its holder to the caller's organisation, that it
    /// received. A receipt makes its organisation the holder once (unpack or takeOver): it is spent then.
    struct Receipt {
        BatchId batchId;
        address from;
        uint64 quantity;
    }

    /// @notice Emitted when an organisation packs a case or pallet (CBV "packing").
    /// @param sscc the unit's SSCC (18 digits as a number)
    /// @param organisation the packing organisation, its first holder
    /// @param contentsRoot the Merkle root of its leaves
    /// @param packs packs inside, its children's included
    /// @param groups the packs put in, by batch
    /// @param children the units put in
    /// @param by the member who signed
    event UnitPacked(
        uint256 indexed sscc,
        address indexed organisation,
        bytes32 contentsRoot,
        uint32 packs,
        PackGroup[] groups,
        uint256[] children,
        address by
    );
    /// @notice Emitted when a unit is opened (CBV "unpacking"): its children are free units of the opener.
    /// @param sscc the unit
    /// @param organisation the opening organisation
    /// @param by the member who signed
    event UnitUnpacked(uint256 indexed sscc, address indexed organisation, address by);
    /// @notice Emitted when an organisation that received a unit by a shipment becomes its holder, sealed.
    /// @param sscc the unit
    /// @param organisation its holder now
    /// @param by the member who signed
    event UnitTakenOver(uint256 indexed sscc, address indexed organisation, address by);

    /// @notice The SSCC was used by a unit before; SSCCs are never reused.
    /// @param sscc the SSCC
    error UnitExists(uint256 sscc);
    /// @notice No unit has this SSCC.
    /// @param sscc the SSCC
    error UnitUnknown(uint256 sscc);
    /// @notice The caller's organisation does not hold the unit and showed no receipt of it.
    /// @param sscc the unit
    /// @param holder its holder
    /// @param organisation the caller's organisation
    error UnitNotHeld(uint256 sscc, address holder, address organisation);
    /// @notice The unit was opened; it can no longer be moved, opened or packed as a whole.
    /// @param sscc the unit
    error UnitOpened(uint256 sscc);
    /// @notice The unit is inside another unit, which must be opened first.
    /// @param sscc the unit
    /// @param parent the unit it is in
    error UnitHasParent(uint256 sscc, uint256 parent);
    /// @notice A unit holds at least one pack or unit.
    error UnitEmpty();
    /// @notice A unit has at most MAX_LEAVES packs and units directly inside.
    /// @param leaves the number sent
    /// @param max MAX_LEAVES
    error UnitTooLarge(uint256 leaves, uint256 max);
    /// @notice The SSCC is not 18 digits with a valid GS1 check digit.
    /// @param sscc the number sent
    error UnitInvalidSscc(uint256 sscc);
    /// @notice The SSCC's company prefix is none of the organisation's prefixes nor its GLN's first 9 digits.
    /// @param sscc the SSCC
    /// @param organisation the caller's organisation
    error UnitForeignSscc(uint256 sscc, address organisation);
    /// @notice The pack index is not below the batch's pack count (or the batch is unknown: count 0).
    /// @param batchId the batch
    /// @param index the index sent
    /// @param packCount the batch's pack count
    error UnitPackOutOfRange(BatchId batchId, uint256 index, uint32 packCount);
    /// @notice A group's indices are not strictly ascending.
    /// @param batchId the batch
    /// @param index the first index not above the one before it
    error UnitPacksUnordered(BatchId batchId, uint256 index);
    /// @notice Two groups name the same batch.
    /// @param batchId the batch
    error UnitDuplicateBatch(BatchId batchId);
    /// @notice The organisation holds fewer packs of the batch than the unit puts in.
    /// @param batchId the batch
    /// @param organisation the caller's organisation
    /// @param held what it holds on the ledger
    /// @param needed packs of the batch in the unit
    error UnitStockShort(BatchId batchId, address organisation, uint64 held, uint256 needed);
    /// @notice The receipt names no shipment of the unit to the caller's organisation that was received.
    /// @param sscc the unit
    /// @param shipmentId the shipment the receipt names
    /// @param status its status on the ledger
    error UnitReceiptNotReceived(uint256 sscc, ShipmentId shipmentId, ICustodyLedger.ShipmentStatus status);
    /// @notice The receipt's shipment was not sent by the unit's holder: only a receipt from the holder moves it.
    /// @param sscc the unit
    /// @param from the receipt's sender
    /// @param holder the unit's holder
    error UnitReceiptNotFromHolder(uint256 sscc, address from, address holder);
    /// @notice The receipt made its organisation the unit's holder before: a receipt does so once.
    /// @param sscc the unit
    /// @param shipmentId the shipment the receipt names
    error UnitReceiptSpent(uint256 sscc, ShipmentId shipmentId);
    /// @notice The signing account is not a member of any organisation of the ledger.
    /// @param account the signing account
    error UnitNotMember(address account);
    /// @notice The member lacks PERMIT_SHIP.
    /// @param account the signing account
    /// @param permissions the permissions it has
    error UnitMissingPermission(address account, uint8 permissions);
    /// @notice The organisation is none of manufacturer, distributor or pharmacy.
    /// @param organisation the organisation
    /// @param roles the roles it has
    error UnitMissingRole(address organisation, uint8 roles);
    /// @notice The organisation is suspended and can write nothing.
    /// @param organisation the organisation
    error UnitOrganisationSuspended(address organisation);

    /// @notice Packs a case or pallet: packs of batches the caller's organisation holds, and units it holds
    /// that are sealed and in no other unit (they get `parent = sscc`). The caller is a member with
    /// PERMIT_SHIP of an unsuspended manufacturer, distributor or pharmacy; the SSCC is new and under one of
    /// its company prefixes or its GLN's first 9 digits. Emits {UnitPacked}.
    /// @param sscc the new unit's SSCC (18 digits as a number)
    /// @param groups packs put in, by batch (each batch once, indices ascending)
    /// @param children units put in
    function pack(uint256 sscc, PackGroup[] calldata groups, uint256[] calldata children) external;

    /// @notice Opens a sealed unit that is in no other unit: its children become free units of the caller's
    /// organisation. The caller's organisation holds it, or shows `receipt` (ignored, zero, when it holds
    /// it). Emits {UnitUnpacked}.
    /// @param sscc the unit
    /// @param receipt a received shipment with ref = sscc from the holder to the caller's organisation, unspent
    function unpack(uint256 sscc, Receipt calldata receipt) external;

    /// @notice Makes the caller's organisation the holder of a sealed unit (in no other unit) that it
    /// received, so that it can pack it into another unit or open it later without the receipt.
    /// Emits {UnitTakenOver}.
    /// @param sscc the unit
    /// @param receipt a received shipment with ref = sscc from the holder to the caller's organisation, unspent
    function takeOver(uint256 sscc, Receipt calldata receipt) external;

    /// @notice A unit (all zero when unknown). The children of an opened unit show parent 0 and its
    /// opener as holder.
    /// @param sscc the SSCC
    /// @return the unit
    function unit(uint256 sscc) external view returns (Unit memory);

    /// @notice The custody ledger whose members, organisations, batches, holdings and shipments this reads.
    /// @return its address (the proxy's)
    function ledger() external view returns (address);
}
