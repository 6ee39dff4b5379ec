// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";
import {ICustodyLedger} from "./interfaces/ICustodyLedger.sol";
import {IBatchRegistry} from "./interfaces/IBatchRegistry.sol";
import {ILogisticUnits} from "./interfaces/ILogisticUnits.sol";
import {IRelayedIntents} from "./interfaces/IRelayedIntents.sol";
import {IOrganisationRegistry} from "./interfaces/IOrganisationRegistry.sol";
import {IPasskeyIntents} from "./interfaces/IPasskeyIntents.sol";
import {PasskeyVerifier} from "./PasskeyVerifier.sol";
import {GS1} from "./libraries/GS1.sol";
import {RelayedIntent} from "./libraries/RelayedIntent.sol";
import {BatchId} from "./types/BatchId.sol";
import {ShipmentId, ShipmentIdLibrary} from "./types/ShipmentId.sol";

/// @title Cases and pallets beside the custody ledger
/// @notice A separate contract because the ledger is at EIP-170's size limit; it only reads the ledger
/// (members, organisations, batches, holdings, shipments), which never calls it. Not upgradeable: a new
/// version is a new deployment, and units packed on this one stay readable here. Multicall lets one
/// transaction pack several cases and the pallet they go on. Passkey members write through its own
/// executeIntent (the ledger's cannot reach it): its own nonces, its own PasskeyVerifier (so its own EIP-712
/// domain), and its own count of each organisation's relayed writes a day under the limit the council set on
/// the ledger.
contract LogisticUnits is ILogisticUnits, Multicall {
    /// @notice The most packs and units directly inside one unit (a pallet of cases has a few dozen).
    uint256 public constant MAX_LEAVES = 2000;
    uint8 private constant PERMIT_SHIP = 4;
    uint8 private constant CUSTODY_ROLES = 2 | 4 | 8; // manufacturer, distributor, pharmacy

    /// @dev One slot for organisation, packs and status; holder, root and parent one each.
    struct StoredUnit {
        address organisation;
        uint32 packs;
        UnitStatus status;
        address holder;
        bytes32 contentsRoot;
        uint256 parent;
    }

    /// @dev An organisation's relayed writes here on `day` (unix day number), under the ledger's limit for it
    /// that day (read once a day per organisation).
    struct Quota {
        uint32 day;
        uint32 used;
        uint32 limit;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("tracemed.transient.LogisticUnits.actor")) - 1)) & ~0xff
    bytes32 private constant ACTOR_SLOT = 0x3341e8232fe6ac95e250af94afd009174e17ce197d777ee5ce43e546e5c51200;

    address private immutable LEDGER;
    /// @dev Deployed by the constructor: its EIP-712 domain's verifyingContract is this contract, not the ledger.
    PasskeyVerifier private immutable VERIFIER;
    mapping(uint256 sscc => StoredUnit) private _units;
    /// @dev Receipts that made their organisation a unit's holder: each does so once.
    mapping(ShipmentId shipment => bool) private _spent;
    mapping(address member => uint64) private _intentNonces;
    mapping(address organisation => Quota) private _quotas;

    /// @param ledger_ the CustodyLedger (its proxy)
    constructor(address ledger_) {
        LEDGER = ledger_;
        VERIFIER = new PasskeyVerifier();
    }

    /// @inheritdoc IRelayedIntents
    function executeIntent(
        bytes calldata call,
        address organisation,
        uint64 nonce,
        uint48 deadline,
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth
    ) external returns (bytes memory result) {
        address member = RelayedIntent.begin(ACTOR_SLOT, deadline, qx, qy);
        if (organisation == address(0) || IOrganisationRegistry(LEDGER).member(member).organisation != organisation) {
            revert IntentNotMember(member, organisation);
        }
        uint64 expected = _intentNonces[member];
        if (nonce != expected) revert IntentBadNonce(member, expected, nonce);
        _intentNonces[member] = expected + 1;
        if (!VERIFIER.verifyIntent(qx, qy, auth, keccak256(call), organisation, nonce, deadline)) {
            revert IntentBadSignature(member);
        }
        _countIntent(organisation);
        result = RelayedIntent.run(ACTOR_SLOT, member, address(this), call);
    }

    /// @inheritdoc IRelayedIntents
    function intentNonce(address member) external view returns (uint64) {
        return _intentNonces[member];
    }

    /// @inheritdoc ILogisticUnits
    function pack(uint256 sscc, PackGroup[] calldata groups, uint256[] calldata children) external {
        (address org, IOrganisationRegistry.Organisation memory o) = _authorise();
        if (!GS1.isValidKey(sscc, 18)) revert UnitInvalidSscc(sscc);
        if (!_isOwnSscc(sscc, o)) revert UnitForeignSscc(sscc, org);
        if (_units[sscc].status != UnitStatus.None) revert UnitExists(sscc);

        uint256 count = children.length;
        for (uint256 g = 0; g < groups.length; ++g) count += groups[g].indices.length;
        if (count == 0) revert UnitEmpty();
        if (count > MAX_LEAVES) revert UnitTooLarge(count, MAX_LEAVES);

        bytes32[] memory leaves = new bytes32[](count);
        uint256 n;
        uint256 packs;
        for (uint256 g = 0; g < groups.length; ++g) {
            n = _packLeaves(groups, g, org, leaves, n);
            packs += groups[g].indices.length;
        }
        for (uint256 c = 0; c < children.length; ++c) {
            (bytes32 leaf, uint32 childPacks) = _takeChild(children[c], sscc, org);
            leaves[n++] = leaf;
            packs += childPacks;
        }
        bytes32 root = _root(leaves);
        _units[sscc] = StoredUnit(org, uint32(packs), UnitStatus.Packed, org, root, 0);
        emit UnitPacked(sscc, org, root, uint32(packs), groups, children, _actor());
    }

    /// @inheritdoc ILogisticUnits
    function unpack(uint256 sscc, Receipt calldata receipt) external {
        (address org, ) = _authorise();
        (StoredUnit storage u, address holder, uint256 parent) = _resolved(sscc);
        _requireSealedFree(sscc, u.status, parent);
        if (holder != org) _spendReceipt(sscc, receipt, org, holder);
        u.status = UnitStatus.Opened;
        u.holder = org;
        if (u.parent != 0) u.parent = 0;
        emit UnitUnpacked(sscc, org, _actor());
    }

    /// @inheritdoc ILogisticUnits
    function takeOver(uint256 sscc, Receipt calldata receipt) external {
        (address org, ) = _authorise();
        (StoredUnit storage u, address holder, uint256 parent) = _resolved(sscc);
        _requireSealedFree(sscc, u.status, parent);
        _spendReceipt(sscc, receipt, org, holder);
        u.holder = org;
        if (u.parent != 0) u.parent = 0;
        emit UnitTakenOver(sscc, org, _actor());
    }

    /// @inheritdoc ILogisticUnits
    function unit(uint256 sscc) external view returns (Unit memory) {
        (StoredUnit storage u, address holder, uint256 parent) = _resolved(sscc);
        return Unit(u.organisation, holder, u.contentsRoot, u.packs, u.status, parent);
    }

    /// @inheritdoc ILogisticUnits
    function ledger() external view returns (address) {
        return LEDGER;
    }

    /// @dev The acting account: the passkey member while its intent runs, the sender otherwise.
    function _actor() private view returns (address) {
        return RelayedIntent.actor(ACTOR_SLOT);
    }

    /// @dev Counts one relayed write of `orgId` today, refusing it past the day's limit the ledger gives it.
    function _countIntent(address orgId) private {
        uint32 today = uint32(block.timestamp / 1 days);
        Quota memory q = _quotas[orgId];
        if (q.day != today) {
            (uint32 limit, , ) = IPasskeyIntents(LEDGER).intentQuota(orgId);
            q = Quota(today, 0, limit);
        }
        if (q.used >= q.limit) revert IntentQuotaExhausted(orgId, q.limit, (uint64(today) + 1) * 1 days);
        // used < limit, a uint32, was checked above.
        unchecked {
            _quotas[orgId] = Quota(today, q.used + 1, q.limit);
        }
    }

    /// @dev The acting account's organisation and its record, when it may pack and move units.
    function _authorise() private view returns (address org, IOrganisationRegistry.Organisation memory o) {
        IOrganisationRegistry registry = IOrganisationRegistry(LEDGER);
        address account = _actor();
        IOrganisationRegistry.Member memory m = registry.member(account);
        org = m.organisation;
        if (org == address(0)) revert UnitNotMember(account);
        if (m.permissions & PERMIT_SHIP == 0) revert UnitMissingPermission(account, m.permissions);
        o = registry.organisation(org);
        if (o.suspended) revert UnitOrganisationSuspended(org);
        if (o.roles & CUSTODY_ROLES == 0) revert UnitMissingRole(org, o.roles);
    }

    /// @dev Whether the SSCC's company-prefix digits (after the extension digit) are one of the
    /// organisation's prefixes, or its GLN's first 9 digits (what newSscc in packages/codes builds).
    function _isOwnSscc(uint256 sscc, IOrganisationRegistry.Organisation memory o) private pure returns (bool) {
        uint256 body = sscc % 1e17;
        if (body / 1e8 == o.gln / 1e4) return true;
        return _underPrefix(body, o.prefix0) || _underPrefix(body, o.prefix1) || _underPrefix(body, o.prefix2);
    }

    /// @dev `body` is the SSCC's 17 digits after the extension digit; `key` as in GS1.prefixKey (0: none).
    function _underPrefix(uint256 body, uint48 key) private pure returns (bool) {
        return key != 0 && body / 10 ** (17 - (key & 0xff)) == key >> 8;
    }

    /// @dev Adds the leaves of group `g` at `leaves[n..]` after checking its indices and the stock held.
    function _packLeaves(
        PackGroup[] calldata groups,
        uint256 g,
        address org,
        bytes32[] memory leaves,
        uint256 n
    ) private view returns (uint256) {
        BatchId batchId = groups[g].batchId;
        uint32[] calldata indices = groups[g].indices;
        if (indices.length == 0) return n;
        for (uint256 h = 0; h < g; ++h) {
            if (BatchId.unwrap(groups[h].batchId) == BatchId.unwrap(batchId)) revert UnitDuplicateBatch(batchId);
        }
        uint32 packCount = IBatchRegistry(LEDGER).batch(batchId).packCount;
        uint64 held = ICustodyLedger(LEDGER).holding(batchId, org).held;
        if (held < indices.length) revert UnitStockShort(batchId, org, held, indices.length);
        // Ascending indices: checking the last against the count checks them all.
        uint256 last = indices[indices.length - 1];
        if (last >= packCount) revert UnitPackOutOfRange(batchId, last, packCount);
        for (uint256 i = 0; i < indices.length; ++i) {
            uint256 index = indices[i];
            if (i > 0 && index <= indices[i - 1]) revert UnitPacksUnordered(batchId, index);
            leaves[n++] = _leaf(BatchId.unwrap(batchId), bytes32(index));
        }
        return n;
    }

    /// @dev Puts the sealed, free unit `child` held by `org` into `sscc`; returns its leaf and pack count.
    function _takeChild(uint256 child, uint256 sscc, address org) private returns (bytes32 leaf, uint32 packs) {
        (StoredUnit storage u, address holder, uint256 parent) = _resolved(child);
        _requireSealedFree(child, u.status, parent);
        if (holder != org) revert UnitNotHeld(child, holder, org);
        u.parent = sscc;
        if (u.holder != org) u.holder = org;
        return (_leaf(bytes32(child), u.contentsRoot), u.packs);
    }

    /// @dev keccak256(bytes.concat(keccak256(abi.encode(a, b)))) for two words, hashed in scratch space: no
    /// memory is allocated per leaf (36,000 gas less for a case of 100 packs than two abi.encode buffers each).
    function _leaf(bytes32 a, bytes32 b) private pure returns (bytes32 leaf) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, a)
            mstore(0x20, b)
            mstore(0x00, keccak256(0x00, 0x40))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev The Merkle root of `leaves`: sorted, neighbours hashed pairwise, an odd last one carried up.
    function _root(bytes32[] memory leaves) private pure returns (bytes32) {
        Arrays.sort(leaves);
        uint256 length = leaves.length;
        while (length > 1) {
            uint256 half = length / 2;
            for (uint256 i = 0; i < half; ++i) {
                leaves[i] = Hashes.commutativeKeccak256(leaves[2 * i], leaves[2 * i + 1]);
            }
            if (length % 2 == 1) {
                leaves[half] = leaves[length - 1];
                ++half;
            }
            length = half;
        }
        return leaves[0];
    }

    /// @dev A unit with its holder and parent as they stand: the children of an opened unit are free
    /// units of the organisation that opened it (their slots are rewritten only when next touched).
    function _resolved(uint256 sscc) private view returns (StoredUnit storage u, address holder, uint256 parent) {
        u = _units[sscc];
        (holder, parent) = (u.holder, u.parent);
        if (parent != 0) {
            StoredUnit storage p = _units[parent];
            if (p.status == UnitStatus.Opened) (holder, parent) = (p.holder, 0);
        }
    }

    function _requireSealedFree(uint256 sscc, UnitStatus status, uint256 parent) private pure {
        if (status == UnitStatus.None) revert UnitUnknown(sscc);
        if (status == UnitStatus.Opened) revert UnitOpened(sscc);
        if (parent != 0) revert UnitHasParent(sscc, parent);
    }

    /// @dev Reverts unless `r` names a received shipment with ref = sscc from the unit's holder to `org` that
    /// has not made anyone a holder before; then spends it. From the holder only: an organisation that once
    /// received the unit cannot take it back, with that old receipt, from whoever holds it since. Once only: after
    /// a round trip (A to B, B to A) B's first receipt, from A again the holder, is spent.
    function _spendReceipt(uint256 sscc, Receipt calldata r, address org, address holder) private {
        if (r.quantity == 0) revert UnitNotHeld(sscc, holder, org);
        if (r.from != holder) revert UnitReceiptNotFromHolder(sscc, r.from, holder);
        ShipmentId id = ShipmentIdLibrary.toId(r.batchId, r.from, org, r.quantity, bytes32(sscc));
        ICustodyLedger.ShipmentStatus status = ICustodyLedger(LEDGER).shipmentStatus(id);
        if (status != ICustodyLedger.ShipmentStatus.Received) revert UnitReceiptNotReceived(sscc, id, status);
        if (_spent[id]) revert UnitReceiptSpent(sscc, id);
        _spent[id] = true;
    }
}
