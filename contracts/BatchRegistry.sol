// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IBatchRegistry} from "./interfaces/IBatchRegistry.sol";
import {BatchId, BatchIdLibrary} from "./types/BatchId.sol";
import {OrganisationRegistry} from "./OrganisationRegistry.sol";
import {GS1} from "./libraries/GS1.sol";
import {Text} from "./libraries/Text.sol";

/// @title Batch registration, recall and quarantine
/// @notice Three storage slots per batch whatever its size: the packed header, the packs root and
/// the manufacturer's opening stock (written by the custody layer through `_openStock`).
abstract contract BatchRegistry is IBatchRegistry, OrganisationRegistry {
    uint256 private constant MAX_LOT_LENGTH = 20;
    uint256 private constant MAX_REASON_LENGTH = 512;
    /// @notice The most packs a batch may have (a bound on what one registration can put into circulation).
    uint32 public constant MAX_PACK_COUNT = 10_000_000;

    mapping(BatchId batchId => Batch) private _batches;
    mapping(BatchId batchId => bytes32) private _packsRoots;

    /// @inheritdoc IBatchRegistry
    function registerBatch(
        uint64 gtin,
        string calldata lot,
        uint32 expiresAt,
        uint32 packCount,
        bytes32 root
    ) external returns (BatchId batchId) {
        address manufacturer = _authoriseManufacturerOf(gtin);
        if (!GS1.isValidKey(gtin, 14)) revert BatchInvalidGtin(gtin);
        uint256 lotLength = bytes(lot).length;
        if (lotLength == 0 || lotLength > MAX_LOT_LENGTH) revert BatchInvalidLot(lotLength);
        (uint256 bad, bytes1 character) = Text.firstNonCset82(bytes(lot));
        if (bad < lotLength) revert BatchInvalidLotCharacter(bad, character);
        if (packCount == 0 || packCount > MAX_PACK_COUNT) revert BatchInvalidPackCount(packCount);
        if (expiresAt <= block.timestamp) revert BatchInvalidExpiry(expiresAt, block.timestamp);
        if (root == bytes32(0)) revert BatchInvalidRoot();
        batchId = BatchIdLibrary.toId(gtin, lot);
        if (_batches[batchId].status != BatchStatus.None) revert BatchAlreadyRegistered(batchId);

        _batches[batchId] = Batch(manufacturer, expiresAt, packCount, BatchStatus.Active);
        _packsRoots[batchId] = root;
        _openStock(batchId, manufacturer, packCount);
        emit BatchCommissioned(batchId, manufacturer, gtin, lot, expiresAt, packCount, root, _actor());
    }

    /// @inheritdoc IBatchRegistry
    function recall(BatchId batchId, string calldata reason) external {
        Batch storage b = _existingBatch(batchId);
        address orgId = _memberStorage(_actor()).organisation;
        // The manufacturer's own members recall at once; anyone else's recall is the council's.
        if (orgId != address(0) && orgId == b.manufacturer) {
            _authorise(ROLE_MANUFACTURER, PERMIT_REGISTER);
        } else if (orgId != address(0)) {
            revert BatchNotManufacturer(batchId, orgId);
        } else {
            _onlyCouncil();
            orgId = msg.sender;
        }
        if (b.status == BatchStatus.Recalled) revert BatchIsRecalled(batchId);
        _checkReason(bytes(reason));
        b.status = BatchStatus.Recalled;
        emit BatchRecalled(batchId, orgId, _actor(), reason);
    }

    /// @inheritdoc IBatchRegistry
    function quarantine(BatchId batchId, string calldata reason) external {
        address orgId = _authoriseOrCouncil(ROLE_REGULATOR, PERMIT_REGULATE);
        Batch storage b = _existingBatch(batchId);
        BatchStatus status = b.status;
        if (status == BatchStatus.Recalled) revert BatchIsRecalled(batchId);
        if (status == BatchStatus.Quarantined) revert BatchIsQuarantined(batchId);
        _checkReason(bytes(reason));
        b.status = BatchStatus.Quarantined;
        emit BatchQuarantined(batchId, orgId, _actor(), reason);
    }

    /// @inheritdoc IBatchRegistry
    function release(BatchId batchId) external {
        address orgId = _authoriseOrCouncil(ROLE_REGULATOR, PERMIT_REGULATE);
        Batch storage b = _batches[batchId];
        BatchStatus status = b.status;
        if (status != BatchStatus.Quarantined) {
            if (status == BatchStatus.None) revert BatchUnknown(batchId);
            if (status == BatchStatus.Recalled) revert BatchIsRecalled(batchId);
            revert BatchNotQuarantined(batchId);
        }
        b.status = BatchStatus.Active;
        emit BatchReleased(batchId, orgId, _actor());
    }

    /// @inheritdoc IBatchRegistry
    function batch(BatchId batchId) external view returns (Batch memory) {
        return _batches[batchId];
    }

    /// @inheritdoc IBatchRegistry
    function packsRoot(BatchId batchId) external view returns (bytes32) {
        return _packsRoots[batchId];
    }

    /// @inheritdoc IBatchRegistry
    function batchIdOf(uint64 gtin, string calldata lot) external pure returns (BatchId) {
        return BatchIdLibrary.toId(gtin, lot);
    }

    /// @dev Gives the manufacturer the whole batch when it is registered.
    function _openStock(BatchId batchId, address manufacturer, uint64 quantity) internal virtual;

    function _packsRootOf(BatchId batchId) internal view returns (bytes32) {
        return _packsRoots[batchId];
    }

    /// @dev The batch, which must exist (any status).
    function _existingBatch(BatchId batchId) internal view returns (Batch storage b) {
        b = _batches[batchId];
        if (b.status == BatchStatus.None) revert BatchUnknown(batchId);
    }

    /// @dev The batch, which must exist and be free to move (not recalled, not quarantined).
    function _movableBatch(BatchId batchId) internal view returns (Batch storage b) {
        b = _batches[batchId];
        BatchStatus status = b.status;
        if (status != BatchStatus.Active) {
            if (status == BatchStatus.None) revert BatchUnknown(batchId);
            if (status == BatchStatus.Recalled) revert BatchIsRecalled(batchId);
            revert BatchIsQuarantined(batchId);
        }
    }

    function _checkReason(bytes calldata reason) private pure {
        uint256 length = reason.length;
        if (length == 0 || length > MAX_REASON_LENGTH) revert BatchInvalidReason(length);
        (uint256 position, uint32 codePoint) = Text.firstForbidden(reason);
        if (position < length) revert BatchInvalidReasonCharacter(position, codePoint);
    }
}
