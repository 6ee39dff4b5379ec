// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IOrganisationRegistry} from "./interfaces/IOrganisationRegistry.sol";
import {GS1} from "./libraries/GS1.sol";
import {Text} from "./libraries/Text.sol";

/// @title Organisations and their roles
/// @notice Roles sit in the organisation's own slot (with its suspension flag) instead of
/// OpenZeppelin AccessControl's per-role mappings: one SLOAD then answers "may this account write
/// this, now", which keeps every custody hop under its gas budget.
abstract contract OrganisationRegistry is IOrganisationRegistry {
    /// @notice Onboards, edits and suspends organisations; quarantines, releases and recalls batches.
    uint8 public constant ROLE_REGULATOR = 1;
    /// @notice Registers batches of GTINs under its company prefixes, and recalls its own.
    uint8 public constant ROLE_MANUFACTURER = 2;
    /// @notice Holds, ships and receives stock.
    uint8 public constant ROLE_DISTRIBUTOR = 4;
    /// @notice Holds, ships and receives stock, and dispenses packs.
    uint8 public constant ROLE_PHARMACY = 8;
    /// @notice Records consumer verifications (claims).
    uint8 public constant ROLE_VERIFIER = 16;
    uint8 internal constant ALL_ROLES = 31;
    /// @dev Roles that hold, ship and receive stock.
    uint8 internal constant CUSTODY_ROLES = ROLE_MANUFACTURER | ROLE_DISTRIBUTOR | ROLE_PHARMACY;
    uint256 private constant MAX_NAME_LENGTH = 128;

    mapping(address account => Organisation) private _organisations;
    mapping(address account => string) private _names;
    /// @dev Who holds each assigned company prefix (keyed as in GS1.prefixKey), so that no two
    /// assigned prefixes are equal or nested (GS1 never nests them; a GTIN has one owner).
    mapping(uint48 prefixKey => address) private _prefixHolders;
    /// @dev How many assigned prefixes lie strictly under each shorter prefix.
    mapping(uint48 prefixKey => uint256) private _covered;

    /// @notice Onboards the first organisation, a regulator (emits {OrganisationOnboarded}).
    /// @param regulator its signing account
    /// @param gln its GS1 Global Location Number (13 digits)
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    constructor(address regulator, uint64 gln, bytes2 country, string memory name) {
        _validate(regulator, ROLE_REGULATOR, gln, country, bytes(name).length);
        (uint256 position, uint32 codePoint) = Text.firstForbiddenInMemory(bytes(name));
        if (position < bytes(name).length) revert OrgInvalidNameCharacter(position, codePoint);
        _organisations[regulator] = Organisation(ROLE_REGULATOR, false, gln, country, 0, 0, 0);
        _names[regulator] = name;
        emit OrganisationOnboarded(regulator, ROLE_REGULATOR, gln, country, name, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function onboard(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) external {
        _authorise(msg.sender, ROLE_REGULATOR);
        _validate(account, roles, gln, country, name);
        if (_organisations[account].roles != 0) revert OrgAlreadyOnboarded(account);
        _organisations[account] = Organisation(roles, false, gln, country, 0, 0, 0);
        _names[account] = name;
        emit OrganisationOnboarded(account, roles, gln, country, name, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function updateOrganisation(
        address account,
        uint8 roles,
        uint64 gln,
        bytes2 country,
        string calldata name
    ) external {
        _authorise(msg.sender, ROLE_REGULATOR);
        _validate(account, roles, gln, country, name);
        Organisation storage org = _existing(account);
        if (account == msg.sender && roles & ROLE_REGULATOR == 0) revert OrgSelfLockout(account);
        org.roles = roles;
        org.gln = gln;
        org.country = country;
        _names[account] = name;
        emit OrganisationUpdated(account, roles, gln, country, name, msg.sender);
        // An organisation that stops manufacturing gives its prefixes back, for their next holder.
        if (roles & ROLE_MANUFACTURER == 0 && (org.prefix0 | org.prefix1 | org.prefix2) != 0) {
            _release(org.prefix0);
            _release(org.prefix1);
            _release(org.prefix2);
            (org.prefix0, org.prefix1, org.prefix2) = (0, 0, 0);
            emit OrganisationPrefixesSet(account, new string[](0), msg.sender);
        }
    }

    /// @inheritdoc IOrganisationRegistry
    function setCompanyPrefixes(address account, string[] calldata prefixes) external {
        _authorise(msg.sender, ROLE_REGULATOR);
        Organisation storage org = _existing(account);
        // Clearing is always allowed: an organisation whose manufacturer role was removed must not keep
        // its prefixes from their next holder.
        if (prefixes.length > 0 && org.roles & ROLE_MANUFACTURER == 0) {
            revert OrgMissingRole(account, org.roles, ROLE_MANUFACTURER);
        }
        if (prefixes.length > 3) revert OrgTooManyPrefixes(prefixes.length);
        // The old prefixes are released first (a revert below restores them).
        _release(org.prefix0);
        _release(org.prefix1);
        _release(org.prefix2);
        uint48[3] memory keys;
        for (uint256 i = 0; i < prefixes.length; ++i) {
            uint48 key = GS1.prefixKey(bytes(prefixes[i]));
            if (key == 0) revert OrgInvalidPrefix(prefixes[i]);
            // Neither equal to nor under an assigned prefix (this list's earlier ones included) ...
            uint256 length = key & 0xff;
            for (uint256 n = GS1.MIN_PREFIX_DIGITS; n <= length; ++n) {
                address holder = _prefixHolders[GS1.shorterKey(key, n)];
                if (holder != address(0)) revert OrgPrefixHeld(prefixes[i], holder);
            }
            // ... nor over one.
            if (_covered[key] != 0) revert OrgPrefixCovers(prefixes[i]);
            _prefixHolders[key] = account;
            for (uint256 n = GS1.MIN_PREFIX_DIGITS; n < length; ++n) ++_covered[GS1.shorterKey(key, n)];
            keys[i] = key;
        }
        (org.prefix0, org.prefix1, org.prefix2) = (keys[0], keys[1], keys[2]);
        emit OrganisationPrefixesSet(account, prefixes, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function suspend(address account) external {
        _authorise(msg.sender, ROLE_REGULATOR);
        if (account == msg.sender) revert OrgSelfLockout(account);
        Organisation storage org = _existing(account);
        if (org.suspended) revert OrgSuspensionUnchanged(account, true);
        org.suspended = true;
        emit OrganisationSuspended(account, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function reinstate(address account) external {
        _authorise(msg.sender, ROLE_REGULATOR);
        Organisation storage org = _existing(account);
        if (!org.suspended) revert OrgSuspensionUnchanged(account, false);
        org.suspended = false;
        emit OrganisationReinstated(account, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function organisation(address account) external view returns (Organisation memory) {
        return _organisations[account];
    }

    /// @inheritdoc IOrganisationRegistry
    function companyPrefixes(address account) external view returns (string[] memory prefixes) {
        Organisation storage org = _organisations[account];
        uint48[3] memory keys = [org.prefix0, org.prefix1, org.prefix2];
        uint256 count;
        for (uint256 i = 0; i < 3; ++i) if (keys[i] != 0) ++count;
        prefixes = new string[](count);
        uint256 j;
        for (uint256 i = 0; i < 3; ++i) if (keys[i] != 0) prefixes[j++] = _digits(keys[i]);
    }

    /// @inheritdoc IOrganisationRegistry
    function companyPrefixHolder(string calldata prefix) external view returns (address) {
        return _prefixHolders[GS1.prefixKey(bytes(prefix))];
    }

    /// @inheritdoc IOrganisationRegistry
    function organisationName(address account) external view returns (string memory) {
        return _names[account];
    }

    /// @notice Reverts unless `account` is an onboarded, unsuspended organisation holding at least
    /// one of the roles in `required`.
    /// @param account the account
    /// @param required bitmask of roles, one of which is needed
    /// @return roles the organisation's role bitmask
    function _authorise(address account, uint8 required) internal view returns (uint8 roles) {
        roles = _authorised(account, required).roles;
    }

    function _authorised(address account, uint8 required) private view returns (Organisation storage org) {
        org = _organisations[account];
        uint8 roles = org.roles;
        if (roles == 0) revert OrgUnknown(account);
        if (org.suspended) revert OrgIsSuspended(account);
        if (roles & required == 0) revert OrgMissingRole(account, roles, required);
    }

    function _existing(address account) private view returns (Organisation storage org) {
        org = _organisations[account];
        if (org.roles == 0) revert OrgUnknown(account);
    }

    function _validate(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) private pure {
        _validate(account, roles, gln, country, bytes(name).length);
        (uint256 position, uint32 codePoint) = Text.firstForbidden(bytes(name));
        if (position < bytes(name).length) revert OrgInvalidNameCharacter(position, codePoint);
    }

    function _validate(address account, uint8 roles, uint64 gln, bytes2 country, uint256 nameLength) private pure {
        if (account == address(0)) revert OrgZeroAccount();
        if (roles == 0 || roles & ~ALL_ROLES != 0) revert OrgInvalidRoles(roles);
        if (!GS1.isValidKey(gln, 13)) revert OrgInvalidGln(gln);
        if (!_isUpper(country[0]) || !_isUpper(country[1])) revert OrgInvalidCountry(country);
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) revert OrgInvalidName(nameLength);
    }

    /// @dev `_authorise(account, ROLE_MANUFACTURER)`, and reverts unless `gtin` lies under one of the
    /// organisation's company prefixes: one slot read for both.
    function _authoriseManufacturerOf(address account, uint64 gtin) internal view {
        Organisation storage org = _authorised(account, ROLE_MANUFACTURER);
        if (
            !GS1.isUnderPrefix(gtin, org.prefix0) &&
            !GS1.isUnderPrefix(gtin, org.prefix1) &&
            !GS1.isUnderPrefix(gtin, org.prefix2)
        ) revert OrgGtinNotAssigned(gtin, account);
    }

    /// @dev Frees an assigned prefix (0: none) for its next holder.
    function _release(uint48 key) private {
        if (key == 0) return;
        delete _prefixHolders[key];
        for (uint256 n = GS1.MIN_PREFIX_DIGITS; n < key & 0xff; ++n) --_covered[GS1.shorterKey(key, n)];
    }

    /// @dev The digits of a prefix key (GS1.prefixKey's inverse).
    function _digits(uint48 key) private pure returns (string memory) {
        uint256 length = key & 0xff;
        bytes memory out = new bytes(length);
        uint256 value = key >> 8;
        for (uint256 i = length; i > 0; --i) {
            out[i - 1] = bytes1(uint8(0x30 + (value % 10)));
            value /= 10;
        }
        return string(out);
    }

    function _isUpper(bytes1 c) private pure returns (bool) {
        return c >= 0x41 && c <= 0x5a;
    }
}
