// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IOrganisationRegistry} from "./interfaces/IOrganisationRegistry.sol";
import {GS1} from "./libraries/GS1.sol";
import {Text} from "./libraries/Text.sol";

/// @title Organisations, their members and roles
/// @notice Roles sit in the organisation's own slot (with its suspension flag) and a member's
/// organisation and permissions in the member's slot, instead of OpenZeppelin AccessControl's per-role
/// mappings: two SLOADs then answer "may this key write this for its organisation, now", which keeps
/// every custody hop within its gas budget. Functions that can harm a member or the network answer
/// only to the council (an OpenZeppelin AccessManager that delays every operation and lets any
/// regulator cancel it); governance is there, not here.
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

    /// @notice Adds, removes and changes members.
    uint8 internal constant PERMIT_ADMIN = 1;
    /// @notice Registers batches and recalls its organisation's own.
    uint8 internal constant PERMIT_REGISTER = 2;
    /// @notice Ships, confirms receipt, refuses and cancels shipments.
    uint8 internal constant PERMIT_SHIP = 4;
    /// @notice Dispenses packs and undoes a dispense.
    uint8 internal constant PERMIT_DISPENSE = 8;
    /// @notice Writes stock off.
    uint8 internal constant PERMIT_WRITE_OFF = 16;
    /// @notice Quarantines and releases batches, onboards organisations other than regulators.
    uint8 internal constant PERMIT_REGULATE = 32;
    /// @notice Records consumer claims.
    uint8 internal constant PERMIT_CLAIM = 64;
    /// @notice Every permission bit.
    uint8 internal constant ALL_PERMITS = 127;
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
    mapping(address account => Member) private _members;
    /// @dev The organisation holding each GLN: GLNs are unique.
    mapping(uint64 gln => address) private _glnHolders;
    address private _council;

    /// @notice Sets the council and onboards the first organisation, a regulator (emits
    /// {OrganisationOnboarded} and {MemberAdded}). Called once, by the ledger's initializer.
    /// @param council_ the AccessManager
    /// @param regulator the regulator's founding admin (its organisation id)
    /// @param gln its GS1 Global Location Number (13 digits)
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function _initialiseRegistry(
        address council_,
        address regulator,
        uint64 gln,
        bytes2 country,
        string calldata name
    ) internal {
        if (council_ == address(0)) revert OrgZeroAccount();
        _council = council_;
        _onboard(regulator, ROLE_REGULATOR, gln, country, name);
    }

    /// @inheritdoc IOrganisationRegistry
    function onboard(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) external {
        // A regulator member onboards anyone but a regulator at once; the council onboards anyone.
        if (roles & ROLE_REGULATOR != 0 || _members[_actor()].organisation == address(0)) _onlyCouncil();
        else _authorise(ROLE_REGULATOR, PERMIT_REGULATE);
        _onboard(account, roles, gln, country, name);
    }

    function _onboard(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) private {
        _validate(account, roles, gln, country, name);
        if (_organisations[account].roles != 0 || _members[account].organisation != address(0)) {
            revert OrgAlreadyOnboarded(account);
        }
        _takeGln(gln, account);
        _organisations[account] = Organisation(roles, false, gln, country, 0, 0, 0, 1);
        _names[account] = name;
        address by = _actor();
        emit OrganisationOnboarded(account, roles, gln, country, name, by);
        uint8 permissions = _founderPermissions(roles);
        _setMember(account, account, permissions);
        emit MemberAdded(account, account, permissions, by);
    }

    /// @dev Every permission the roles use, for an organisation's founding admin.
    function _founderPermissions(uint8 roles) private pure returns (uint8 permissions) {
        permissions = PERMIT_ADMIN;
        if (roles & ROLE_REGULATOR != 0) permissions |= PERMIT_REGULATE;
        if (roles & ROLE_MANUFACTURER != 0) permissions |= PERMIT_REGISTER;
        if (roles & CUSTODY_ROLES != 0) permissions |= PERMIT_SHIP | PERMIT_WRITE_OFF;
        if (roles & ROLE_PHARMACY != 0) permissions |= PERMIT_DISPENSE;
        if (roles & ROLE_VERIFIER != 0) permissions |= PERMIT_CLAIM;
    }

    /// @inheritdoc IOrganisationRegistry
    function addMember(address account, uint8 permissions) external {
        (address orgId, ) = _authorise(ALL_ROLES, PERMIT_ADMIN);
        _checkPermissions(permissions);
        _addMember(orgId, account, permissions);
    }

    /// @inheritdoc IOrganisationRegistry
    function setMemberPermissions(address account, uint8 permissions) external {
        (address orgId, ) = _authorise(ALL_ROLES, PERMIT_ADMIN);
        _checkPermissions(permissions);
        Member storage m = _memberOf(account, orgId);
        _countAdmin(orgId, m.permissions, permissions);
        m.permissions = permissions;
        emit MemberPermissionsSet(orgId, account, permissions, _actor());
    }

    /// @inheritdoc IOrganisationRegistry
    function removeMember(address account) external {
        (address orgId, ) = _authorise(ALL_ROLES, PERMIT_ADMIN);
        _countAdmin(orgId, _memberOf(account, orgId).permissions, 0);
        // The intent nonce stays: a passkey added again must not find its old intents valid again.
        _setMember(account, address(0), 0);
        emit MemberRemoved(orgId, account, _actor());
    }

    /// @inheritdoc IOrganisationRegistry
    function recoverOrganisation(address orgId, address admin) external {
        _onlyCouncil();
        _existing(orgId);
        Member storage m = _members[admin];
        if (m.organisation != orgId) {
            _addMember(orgId, admin, PERMIT_ADMIN);
        } else {
            uint8 permissions = m.permissions | PERMIT_ADMIN;
            _countAdmin(orgId, m.permissions, permissions);
            m.permissions = permissions;
            emit MemberPermissionsSet(orgId, admin, permissions, msg.sender);
        }
    }

    function _addMember(address orgId, address account, uint8 permissions) private {
        if (account == address(0)) revert OrgZeroAccount();
        address current = _members[account].organisation;
        if (current != address(0)) revert OrgAlreadyMember(account, current);
        _setMember(account, orgId, permissions);
        if (permissions & PERMIT_ADMIN != 0) ++_organisations[orgId].admins;
        emit MemberAdded(orgId, account, permissions, _actor());
    }

    /// @dev Sets an account's organisation and permissions, keeping its intent nonce.
    function _setMember(address account, address orgId, uint8 permissions) private {
        Member storage m = _members[account];
        (m.organisation, m.permissions) = (orgId, permissions);
    }

    /// @dev Keeps the organisation's admin count as a member's permissions go from `before` to `next`,
    /// refusing to leave it without an admin.
    function _countAdmin(address orgId, uint8 before, uint8 next) private {
        bool was = before & PERMIT_ADMIN != 0;
        bool is_ = next & PERMIT_ADMIN != 0;
        if (was == is_) return;
        Organisation storage org = _organisations[orgId];
        if (is_) {
            ++org.admins;
        } else {
            if (org.admins == 1) revert OrgLastAdmin(orgId);
            --org.admins;
        }
    }

    function _memberOf(address account, address orgId) private view returns (Member storage m) {
        m = _members[account];
        if (m.organisation != orgId) revert OrgNotMemberOf(account, orgId);
    }

    function _checkPermissions(uint8 permissions) private pure {
        if (permissions == 0 || permissions & ~ALL_PERMITS != 0) revert OrgInvalidPermissions(permissions);
    }

    /// @dev Gives `gln` to `account`, unless another organisation has it.
    function _takeGln(uint64 gln, address account) private {
        address holder = _glnHolders[gln];
        if (holder != address(0) && holder != account) revert OrgGlnTaken(gln, holder);
        _glnHolders[gln] = account;
    }

    /// @inheritdoc IOrganisationRegistry
    function updateOrganisation(
        address account,
        uint8 roles,
        uint64 gln,
        bytes2 country,
        string calldata name
    ) external {
        _onlyCouncil();
        _validate(account, roles, gln, country, name);
        Organisation storage org = _existing(account);
        uint64 previousGln = org.gln;
        if (gln != previousGln) {
            _takeGln(gln, account);
            delete _glnHolders[previousGln];
        }
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
        _onlyCouncil();
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
        _onlyCouncil();
        Organisation storage org = _existing(account);
        if (org.suspended) revert OrgSuspensionUnchanged(account, true);
        org.suspended = true;
        emit OrganisationSuspended(account, msg.sender);
    }

    /// @inheritdoc IOrganisationRegistry
    function reinstate(address account) external {
        _onlyCouncil();
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
    function member(address account) external view returns (Member memory) {
        return _members[account];
    }

    /// @inheritdoc IOrganisationRegistry
    function council() external view returns (address) {
        return _council;
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

    /// @notice Reverts unless the caller is a member of an unsuspended organisation holding one of the
    /// roles in `roles`, and itself holds one of the permissions in `permit`.
    /// @param roles bitmask of roles, one of which the organisation needs
    /// @param permit bitmask of permissions, one of which the member needs
    /// @return orgId the caller's organisation id, which acts
    /// @return org its record
    function _authorise(uint8 roles, uint8 permit) internal view returns (address orgId, Organisation storage org) {
        address actor = _actor();
        Member storage m = _members[actor];
        (orgId, org) = _authoriseMember(actor, m.organisation, m.permissions, roles, permit);
    }

    /// @dev A member's organisation holds one of `roles` and is not suspended, and the member one of
    /// `permit`. (An organisation with members always has roles: no OrgUnknown check.)
    function _authoriseMember(
        address actor,
        address orgId,
        uint8 permissions,
        uint8 roles,
        uint8 permit
    ) private view returns (address, Organisation storage org) {
        if (orgId == address(0)) revert OrgNotMember(actor);
        org = _organisations[orgId];
        uint8 orgRoles = org.roles;
        if (org.suspended) revert OrgIsSuspended(orgId);
        if (orgRoles & roles == 0) revert OrgMissingRole(orgId, orgRoles, roles);
        if (permissions & permit == 0) revert OrgMissingPermission(actor, permissions, permit);
        return (orgId, org);
    }

    /// @notice `_authorise` for a function the council may also call: the organisation that acts is
    /// then the council's address.
    /// @param roles bitmask of roles, one of which the organisation needs
    /// @param permit bitmask of permissions, one of which the member needs
    /// @return orgId the caller's organisation id, or the council
    function _authoriseOrCouncil(uint8 roles, uint8 permit) internal view returns (address orgId) {
        address actor = _actor();
        Member storage m = _members[actor];
        address memberOf = m.organisation;
        if (memberOf == address(0) && msg.sender == _council) return msg.sender;
        (orgId, ) = _authoriseMember(actor, memberOf, m.permissions, roles, permit);
    }

    /// @notice Reverts unless `account` is an onboarded, unsuspended organisation holding at least
    /// one of the roles in `required` (a shipment's recipient, say).
    /// @param account the organisation id
    /// @param required bitmask of roles, one of which is needed
    /// @return org its record
    function _organisationFor(address account, uint8 required) internal view returns (Organisation storage org) {
        org = _organisations[account];
        uint8 roles = org.roles;
        if (roles == 0) revert OrgUnknown(account);
        if (org.suspended) revert OrgIsSuspended(account);
        if (roles & required == 0) revert OrgMissingRole(account, roles, required);
    }

    /// @notice Reverts unless the caller is the council.
    function _onlyCouncil() internal view {
        if (msg.sender != _council) revert LedgerNotCouncil(msg.sender);
    }

    /// @notice The member record of an account (for the recall rule: its manufacturer's members; for
    /// intents: the nonce in the member's slot).
    /// @param account the signing account
    /// @return m its membership
    function _memberStorage(address account) internal view returns (Member storage m) {
        return _members[account];
    }

    /// @notice The account that acts: whoever signed the write (the sender, or a passkey member whose
    /// intent runs). Council checks use `msg.sender` itself.
    /// @return the acting account
    function _actor() internal view virtual returns (address);

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

    /// @dev `_authorise(ROLE_MANUFACTURER, PERMIT_REGISTER)`, and reverts unless `gtin` lies under one of
    /// the organisation's company prefixes: one slot read for both.
    function _authoriseManufacturerOf(uint64 gtin) internal view returns (address orgId) {
        Organisation storage org;
        (orgId, org) = _authorise(ROLE_MANUFACTURER, PERMIT_REGISTER);
        if (
            !GS1.isUnderPrefix(gtin, org.prefix0) &&
            !GS1.isUnderPrefix(gtin, org.prefix1) &&
            !GS1.isUnderPrefix(gtin, org.prefix2)
        ) revert OrgGtinNotAssigned(gtin, orgId);
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
