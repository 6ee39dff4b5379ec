// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IOrganisationRegistry} from "./interfaces/IOrganisationRegistry.sol";
import {GS1} from "./libraries/GS1.sol";

/// @title Organisations and their roles
/// @notice Roles sit in the organisation's own slot (with its suspension flag) instead of
/// OpenZeppelin AccessControl's per-role mappings: one SLOAD then answers "may this account write
/// this, now", which keeps every custody hop under its gas budget.
abstract contract OrganisationRegistry is IOrganisationRegistry {
    uint8 public constant ROLE_REGULATOR = 1;
    uint8 public constant ROLE_MANUFACTURER = 2;
    uint8 public constant ROLE_DISTRIBUTOR = 4;
    uint8 public constant ROLE_PHARMACY = 8;
    uint8 public constant ROLE_VERIFIER = 16;
    uint8 internal constant ALL_ROLES = 31;
    /// @dev Roles that hold, ship and receive stock.
    uint8 internal constant CUSTODY_ROLES = ROLE_MANUFACTURER | ROLE_DISTRIBUTOR | ROLE_PHARMACY;
    uint256 private constant MAX_NAME_LENGTH = 128;

    mapping(address account => Organisation) private _organisations;
    mapping(address account => string) private _names;

    constructor(address regulator, uint64 gln, bytes2 country, string memory name) {
        _validate(regulator, ROLE_REGULATOR, gln, country, bytes(name).length);
        _organisations[regulator] = Organisation(ROLE_REGULATOR, false, gln, country);
        _names[regulator] = name;
        emit OrganisationOnboarded(regulator, ROLE_REGULATOR, gln, country, name, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function onboard(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) external {
        _authorise(msg.sender, ROLE_REGULATOR);
        _validate(account, roles, gln, country, bytes(name).length);
        if (_organisations[account].roles != 0) revert OrgAlreadyOnboarded(account);
        _organisations[account] = Organisation(roles, false, gln, country);
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
        _validate(account, roles, gln, country, bytes(name).length);
        Organisation storage org = _existing(account);
        if (account == msg.sender && roles & ROLE_REGULATOR == 0) revert OrgSelfLockout(account);
        org.roles = roles;
        org.gln = gln;
        org.country = country;
        _names[account] = name;
        emit OrganisationUpdated(account, roles, gln, country, name, msg.sender);
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
    function organisationName(address account) external view returns (string memory) {
        return _names[account];
    }

    /// @dev Reverts unless `account` is an onboarded, unsuspended organisation holding at least
    /// one of the roles in `required`.
    /// @return roles the organisation's role bitmask
    function _authorise(address account, uint8 required) internal view returns (uint8 roles) {
        Organisation storage org = _organisations[account];
        roles = org.roles;
        if (roles == 0) revert OrgUnknown(account);
        if (org.suspended) revert OrgIsSuspended(account);
        if (roles & required == 0) revert OrgMissingRole(account, roles, required);
    }

    function _existing(address account) private view returns (Organisation storage org) {
        org = _organisations[account];
        if (org.roles == 0) revert OrgUnknown(account);
    }

    function _validate(address account, uint8 roles, uint64 gln, bytes2 country, uint256 nameLength) private pure {
        if (account == address(0)) revert OrgZeroAccount();
        if (roles == 0 || roles & ~ALL_ROLES != 0) revert OrgInvalidRoles(roles);
        if (!GS1.isValidKey(gln, 13)) revert OrgInvalidGln(gln);
        if (!_isUpper(country[0]) || !_isUpper(country[1])) revert OrgInvalidCountry(country);
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) revert OrgInvalidName(nameLength);
    }

    function _isUpper(bytes1 c) private pure returns (bool) {
        return c >= 0x41 && c <= 0x5a;
    }
}
