// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BatchId} from "../types/BatchId.sol";

/// @title Drug batches: registration (GS1 "commissioning"), recall and quarantine
/// @notice A batch is identified by its BatchId (types/BatchId.sol: keccak256(abi.encodePacked(uint64 gtin,
/// bytes lot))), so a (GTIN, lot) pair can be registered once. The chain keeps one commitment for all of a batch's
/// packs: the root of a Merkle tree whose leaf i is
/// keccak256(bytes.concat(keccak256(abi.encode(uint256 i, bytes32 packCommitment)))) with
/// sorted-pair hashing (OpenZeppelin MerkleProof / StandardMerkleTree). Registration gas does not
/// depend on the number of packs.
interface IBatchRegistry {
    enum BatchStatus {
        None,
        Active,
        Quarantined,
        Recalled
    }

    /// @notice One packed storage slot per batch.
    struct Batch {
        address manufacturer;
        uint32 expiresAt; // unix seconds: the last second the batch may be dispensed
        uint32 packCount;
        BatchStatus status;
    }

    /// @notice Emitted when a manufacturer registers a batch (CBV business step "commissioning").
    /// @param batchId the batch's id
    /// @param manufacturer the registering manufacturer, who now holds every pack
    /// @param gtin GTIN-14 as a number
    /// @param lot GS1 AI 10 value
    /// @param expiresAt last second (unix) at which packs may be dispensed
    /// @param packCount number of packs
    /// @param packsRoot Merkle root over the pack leaves
    /// @param by the member who signed
    event BatchCommissioned(
        BatchId indexed batchId,
        address indexed manufacturer,
        uint64 indexed gtin,
        string lot,
        uint32 expiresAt,
        uint32 packCount,
        bytes32 packsRoot,
        address by
    );
    /// @notice Emitted when the manufacturer or the council recalls a batch. Irreversible.
    /// @param batchId the batch
    /// @param organisation the manufacturer, or the council's address when the council acts
    /// @param by the member who signed, or the council
    /// @param reason why, as sent
    event BatchRecalled(BatchId indexed batchId, address indexed organisation, address indexed by, string reason);
    /// @notice Emitted when a regulator or the council quarantines a batch (CBV "holding"); it cannot move.
    /// @param batchId the batch
    /// @param organisation the regulator, or the council's address when the council acts
    /// @param by the member who signed, or the council
    /// @param reason why, as sent
    event BatchQuarantined(BatchId indexed batchId, address indexed organisation, address indexed by, string reason);
    /// @notice Emitted when a regulator or the council lifts a quarantine.
    /// @param batchId the batch
    /// @param organisation the regulator, or the council's address when the council acts
    /// @param by the member who signed, or the council
    event BatchReleased(BatchId indexed batchId, address indexed organisation, address indexed by);

    /// @notice A batch with this (GTIN, lot) already exists.
    /// @param batchId its id
    error BatchAlreadyRegistered(BatchId batchId);
    /// @notice No batch with this id was registered.
    /// @param batchId the id asked for
    error BatchUnknown(BatchId batchId);
    /// @notice The GTIN is not 14 digits with a valid GS1 check digit.
    /// @param gtin the GTIN sent
    error BatchInvalidGtin(uint64 gtin);
    /// @notice The lot is empty or longer than 20 characters (GS1 AI 10 is X..20).
    /// @param length its length in bytes
    error BatchInvalidLot(uint256 length);
    /// @notice The lot has a character outside GS1 CSET 82 (`!"%&'()*+,-./0-9:;<=>?A-Z_a-z`), which GS1
    /// requires of AI 10.
    /// @param position offset (from 0) of the first such byte
    /// @param character that byte
    error BatchInvalidLotCharacter(uint256 position, bytes1 character);
    /// @notice A batch has 1 to MAX_PACK_COUNT packs.
    /// @param packCount the count sent
    error BatchInvalidPackCount(uint32 packCount);
    /// @notice The expiry is not in the future.
    /// @param expiresAt the expiry sent
    /// @param now_ the block's timestamp
    error BatchInvalidExpiry(uint32 expiresAt, uint256 now_);
    /// @notice The packs root is zero.
    error BatchInvalidRoot();
    /// @notice The batch is recalled; nothing about it can change any more.
    /// @param batchId the batch
    error BatchIsRecalled(BatchId batchId);
    /// @notice The batch is quarantined and cannot move until released.
    /// @param batchId the batch
    error BatchIsQuarantined(BatchId batchId);
    /// @notice Release was asked for a batch that is not quarantined.
    /// @param batchId the batch
    error BatchNotQuarantined(BatchId batchId);
    /// @notice The batch expired at `expiresAt` and cannot be dispensed.
    /// @param batchId the batch
    /// @param expiresAt its last dispensable second (unix)
    error BatchExpired(BatchId batchId, uint32 expiresAt);
    /// @notice Only the batch's own manufacturer (or the council) may do this.
    /// @param batchId the batch
    /// @param caller the organisation of the member who tried
    error BatchNotManufacturer(BatchId batchId, address caller);
    /// @notice A recall or quarantine needs a reason of 1 to 512 bytes.
    /// @param length the reason's length in bytes
    error BatchInvalidReason(uint256 length);
    /// @notice The recall or quarantine reason is not UTF-8, or holds a control, bidirectional or
    /// invisible character (the list is in libraries/Text.sol).
    /// @param position byte offset (from 0) of the first such character
    /// @param codePoint its code point, or 0xffffffff where the bytes are not UTF-8
    error BatchInvalidReasonCharacter(uint256 position, uint32 codePoint);

    /// @notice Registers a batch and gives all of its packs to the caller's organisation, a manufacturer
    /// whose GS1 company prefixes include the GTIN's. The caller needs PERMIT_REGISTER.
    /// Emits {BatchCommissioned}.
    /// @param gtin GTIN-14 as a number (check digit included)
    /// @param lot GS1 AI 10 value, 1 to 20 characters of GS1 CSET 82
    /// @param expiresAt last second (unix) at which packs may be dispensed
    /// @param packCount number of packs (Merkle leaves), 1 to MAX_PACK_COUNT
    /// @param packsRoot Merkle root over the pack leaves
    /// @return batchId the batch's id (BatchIdLibrary.toId(gtin, lot))
    function registerBatch(
        uint64 gtin,
        string calldata lot,
        uint32 expiresAt,
        uint32 packCount,
        bytes32 packsRoot
    ) external returns (BatchId batchId);

    /// @notice Recalls a batch for good: a member with PERMIT_REGISTER of the batch's manufacturer, or the
    /// council. Emits {BatchRecalled}.
    /// @param batchId the batch
    /// @param reason 1 to 512 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function recall(BatchId batchId, string calldata reason) external;

    /// @notice Quarantines a batch: it cannot be shipped or dispensed. A regulator member with
    /// PERMIT_REGULATE, or the council. Emits {BatchQuarantined}.
    /// @param batchId the batch
    /// @param reason 1 to 512 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function quarantine(BatchId batchId, string calldata reason) external;

    /// @notice Lifts a quarantine. A regulator member with PERMIT_REGULATE, or the council.
    /// Emits {BatchReleased}.
    /// @param batchId the batch
    function release(BatchId batchId) external;

    /// @notice The batch record (all zero when unknown).
    /// @param batchId the batch
    /// @return its manufacturer, expiry, pack count and status
    function batch(BatchId batchId) external view returns (Batch memory);

    /// @notice The Merkle root over the batch's pack leaves.
    /// @param batchId the batch
    /// @return the root registered with the batch (zero when unknown)
    function packsRoot(BatchId batchId) external view returns (bytes32);

    /// @notice The id a (GTIN, lot) pair registers under.
    /// @param gtin GTIN-14 as a number (check digit included)
    /// @param lot GS1 AI 10 value
    /// @return BatchIdLibrary.toId(gtin, lot)
    function batchIdOf(uint64 gtin, string calldata lot) external pure returns (BatchId);
}
