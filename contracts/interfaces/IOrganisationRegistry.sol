// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Organisations of the custody network and what each may write
/// @notice An organisation is an identity named by an address (the account it was onboarded with, its
/// founding admin), whoever holds its keys later. Its roles are a bitmask, so a wholesaler that also
/// runs a pharmacy holds both roles. People sign as members: accounts with permission bits inside the
/// organisation's roles; a write needs the organisation's role, the member's permission and the
/// organisation unsuspended. The regulator council (an OpenZeppelin AccessManager whose every operation
/// waits a public delay during which any regulator can cancel it) edits, suspends and recovers
/// organisations, assigns company prefixes and onboards regulators; a regulator member onboards other
/// organisations at once. A manufacturer registers batches only of GTINs under its company prefixes, so
/// no member can register another company's product. GLNs are unique.
interface IOrganisationRegistry {
    /// @notice One packed storage slot per organisation, so authorising a write costs one SLOAD, and
    /// checking a registered GTIN against the manufacturer's company prefixes costs none more.
    // 1 + 1 + 8 + 2 + 3 * 6 = 30 bytes: one slot already; solhint's packing heuristic miscounts it.
    // solhint-disable-next-line gas-struct-packing
    struct Organisation {
        uint8 roles; // bitmask of ROLE_* constants
        bool suspended;
        uint64 gln; // GS1 Global Location Number (13 digits, check digit verified)
        bytes2 country; // ISO 3166-1 alpha-2, e.g. "CN", "DE"
        // Up to three GS1 company prefixes, each as its value << 8 | its length (0: none); see companyPrefixes.
        uint48 prefix0;
        uint48 prefix1;
        uint48 prefix2;
        uint16 admins; // how many members hold PERMIT_ADMIN
    }

    /// @notice An account's membership (one slot): an account belongs to at most one organisation.
    /// `intentNonce` filled free bytes of the slot (20 + 1 + 8 bytes), so ledgers deployed before it upgrade
    /// with every member's nonce at 0.
    struct Member {
        address organisation; // the organisation id (zero: not a member)
        uint8 permissions; // bitmask of PERMIT_* constants
        uint64 intentNonce; // the next nonce of its passkey intents (IPasskeyIntents); kept on removal
    }

    /// @notice Emitted when a regulator member or the council adds an organisation to the network (then
    /// {MemberAdded} for its founding admin).
    /// @param account the organisation id (its founding admin's account)
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name its name
    /// @param by the regulator member or the council
    event OrganisationOnboarded(
        address indexed account,
        uint8 roles,
        uint64 indexed gln,
        bytes2 country,
        string name,
        address indexed by
    );
    /// @notice Emitted when the council changes an organisation's roles, GLN, country or name; the
    /// parameters are the new values.
    /// @param account the organisation id
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name its name
    /// @param by the council
    event OrganisationUpdated(
        address indexed account,
        uint8 roles,
        uint64 indexed gln,
        bytes2 country,
        string name,
        address indexed by
    );
    /// @notice Emitted when the council sets a manufacturer's GS1 company prefixes (all of them, replacing
    /// the previous ones; an empty list removes them).
    /// @param account the manufacturer
    /// @param prefixes its prefixes now, as digits
    /// @param by the council
    event OrganisationPrefixesSet(address indexed account, string[] prefixes, address indexed by);
    /// @notice Emitted when the council suspends an organisation; it can write nothing until reinstated.
    /// @param account the organisation
    /// @param by the council
    event OrganisationSuspended(address indexed account, address indexed by);
    /// @notice Emitted when the council lifts a suspension.
    /// @param account the organisation
    /// @param by the council
    event OrganisationReinstated(address indexed account, address indexed by);
    /// @notice Emitted when an account becomes a member of an organisation (its founding admin on
    /// onboarding, a member an admin adds, an admin the council recovers it with).
    /// @param organisation the organisation id
    /// @param account the member's account
    /// @param permissions its PERMIT_* bitmask
    /// @param by the admin, the onboarding regulator member, or the council
    event MemberAdded(address indexed organisation, address indexed account, uint8 permissions, address indexed by);
    /// @notice Emitted when a member's permissions change.
    /// @param organisation the organisation id
    /// @param account the member's account
    /// @param permissions its PERMIT_* bitmask now
    /// @param by the admin, or the council on recovery
    event MemberPermissionsSet(
        address indexed organisation,
        address indexed account,
        uint8 permissions,
        address indexed by
    );
    /// @notice Emitted when an admin removes a member; the account can write nothing for the organisation.
    /// @param organisation the organisation id
    /// @param account the removed account
    /// @param by the admin
    event MemberRemoved(address indexed organisation, address indexed account, address indexed by);

    /// @notice The account is not an onboarded organisation.
    /// @param account the account
    error OrgUnknown(address account);
    /// @notice The account is already onboarded.
    /// @param account the account
    error OrgAlreadyOnboarded(address account);
    /// @notice The organisation lacks every role in `required` (a bitmask).
    /// @param account the organisation
    /// @param roles the roles it has
    /// @param required the roles of which it needs one
    error OrgMissingRole(address account, uint8 roles, uint8 required);
    /// @notice The organisation is suspended and can write nothing.
    /// @param account the organisation
    error OrgIsSuspended(address account);
    /// @notice The suspension state asked for is the current one.
    /// @param account the organisation
    /// @param suspended its current state
    error OrgSuspensionUnchanged(address account, bool suspended);
    /// @notice The account is not a member of any organisation.
    /// @param account the signing account
    error OrgNotMember(address account);
    /// @notice The member lacks every permission in `required` (a bitmask).
    /// @param account the member
    /// @param permissions the permissions it has
    /// @param required the permissions of which it needs one
    error OrgMissingPermission(address account, uint8 permissions, uint8 required);
    /// @notice The account is already a member (of `organisation`).
    /// @param account the account
    /// @param organisation the organisation it belongs to
    error OrgAlreadyMember(address account, address organisation);
    /// @notice The account is not a member of the caller's organisation.
    /// @param account the account
    /// @param organisation the caller's organisation
    error OrgNotMemberOf(address account, address organisation);
    /// @notice The permission bitmask is empty or has bits outside ALL_PERMITS.
    /// @param permissions the bitmask sent
    error OrgInvalidPermissions(uint8 permissions);
    /// @notice The change would leave the organisation without an admin (recoverOrganisation exists for
    /// a lost last key).
    /// @param organisation the organisation
    error OrgLastAdmin(address organisation);
    /// @notice Another organisation already has this GLN.
    /// @param gln the GLN sent
    /// @param holder the organisation that has it
    error OrgGlnTaken(uint64 gln, address holder);
    /// @notice Only the regulator council (the AccessManager, after its delay) may do this.
    /// @param caller the account that tried
    error LedgerNotCouncil(address caller);
    /// @notice The role bitmask is empty or has bits outside the known roles.
    /// @param roles the bitmask sent
    error OrgInvalidRoles(uint8 roles);
    /// @notice The GLN is not 13 digits with a valid GS1 check digit.
    /// @param gln the GLN sent
    error OrgInvalidGln(uint64 gln);
    /// @notice The country is not two upper-case ASCII letters.
    /// @param country the code sent
    error OrgInvalidCountry(bytes2 country);
    /// @notice The name is empty or longer than 128 bytes.
    /// @param length its length in bytes
    error OrgInvalidName(uint256 length);
    /// @notice The name is not UTF-8, or holds a control, bidirectional or invisible character (the
    /// list is in libraries/Text.sol).
    /// @param position byte offset (from 0) of the first such character
    /// @param codePoint its code point, or 0xffffffff where the bytes are not UTF-8
    error OrgInvalidNameCharacter(uint256 position, uint32 codePoint);
    /// @notice The zero address cannot be an organisation.
    error OrgZeroAccount();
    /// @notice A company prefix must be 4 to 12 digits.
    /// @param prefix the prefix sent
    error OrgInvalidPrefix(string prefix);
    /// @notice An organisation holds at most three company prefixes.
    /// @param count the number sent
    error OrgTooManyPrefixes(uint256 count);
    /// @notice The GTIN is not under any of the manufacturer's GS1 company prefixes (see setCompanyPrefixes).
    /// @param gtin the GTIN
    /// @param account the manufacturer
    error OrgGtinNotAssigned(uint64 gtin, address account);
    /// @notice The prefix, or a shorter prefix of it, is already assigned (to `holder`).
    /// @param prefix the prefix sent
    /// @param holder the organisation holding it or the shorter one
    error OrgPrefixHeld(string prefix, address holder);
    /// @notice A longer prefix under this one is already assigned: GTINs under it have an owner.
    /// @param prefix the prefix sent
    error OrgPrefixCovers(string prefix);

    /// @notice Adds an organisation, whose id is `account`, its founding admin, holding every permission
    /// its roles use. A regulator member (PERMIT_REGULATE) onboards organisations without the regulator
    /// role; a regulator needs the council. Emits {OrganisationOnboarded} and {MemberAdded}.
    /// @param account the founding admin's account, which becomes the organisation id
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number (13 digits)
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function onboard(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) external;

    /// @notice Changes an organisation's roles and master data; one that loses the manufacturer role
    /// also loses its company prefixes (OrganisationPrefixesSet with an empty list). Council only.
    /// Emits {OrganisationUpdated}.
    /// @param account the organisation id
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number (13 digits)
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function updateOrganisation(
        address account,
        uint8 roles,
        uint64 gln,
        bytes2 country,
        string calldata name
    ) external;

    /// @notice Sets a manufacturer's GS1 company prefixes (at most three, each 4 to 12 digits, none
    /// equal to, under or over another assigned prefix), replacing its previous ones; an empty list
    /// clears them, whatever the organisation's roles. Council only. Emits {OrganisationPrefixesSet}.
    /// @param account the manufacturer
    /// @param prefixes its prefixes, as digits (leading zeros count)
    function setCompanyPrefixes(address account, string[] calldata prefixes) external;

    /// @notice Suspends an organisation: it can no longer write. Council only. Emits {OrganisationSuspended}.
    /// @param account the organisation
    function suspend(address account) external;

    /// @notice Lifts a suspension. Council only. Emits {OrganisationReinstated}.
    /// @param account the organisation
    function reinstate(address account) external;

    /// @notice Adds `account` to the caller's organisation. The caller needs PERMIT_ADMIN. Emits {MemberAdded}.
    /// @param account the new member, a member of no organisation
    /// @param permissions its PERMIT_* bitmask (not 0, within ALL_PERMITS)
    function addMember(address account, uint8 permissions) external;

    /// @notice Changes the permissions of a member of the caller's organisation; the last admin keeps
    /// PERMIT_ADMIN. The caller needs PERMIT_ADMIN. Emits {MemberPermissionsSet}.
    /// @param account the member
    /// @param permissions its PERMIT_* bitmask (not 0, within ALL_PERMITS)
    function setMemberPermissions(address account, uint8 permissions) external;

    /// @notice Removes a member of the caller's organisation (a lost or stolen key, someone who left);
    /// the organisation keeps everything it holds. Not the last admin. The caller needs PERMIT_ADMIN.
    /// Emits {MemberRemoved}.
    /// @param account the member
    function removeMember(address account) external;

    /// @notice Gives an organisation that lost its admin keys a new admin: `admin` is added with
    /// PERMIT_ADMIN, or gains it if already its member. Council only. Emits {MemberAdded} or
    /// {MemberPermissionsSet}.
    /// @param organisation the organisation id
    /// @param admin the new admin's account
    function recoverOrganisation(address organisation, address admin) external;

    /// @notice The regulator council: the AccessManager whose calls the council-only functions require.
    /// @return its address
    function council() external view returns (address);

    /// @notice The membership of `account` (organisation zero: not a member).
    /// @param account the account
    /// @return its organisation id and permissions
    function member(address account) external view returns (Member memory);

    /// @notice The organisation record of `account` (all zero when unknown).
    /// @param account the organisation id
    /// @return its roles, suspension, GLN, country, prefix keys and number of admins
    function organisation(address account) external view returns (Organisation memory);

    /// @notice The GS1 company prefixes assigned to `account`, as digits.
    /// @param account the organisation
    /// @return up to three prefixes
    function companyPrefixes(address account) external view returns (string[] memory);

    /// @notice The organisation holding the company prefix `prefix` exactly (zero address: none).
    /// @param prefix the prefix, as digits
    /// @return its holder
    function companyPrefixHolder(string calldata prefix) external view returns (address);

    /// @notice The registered name of `account`.
    /// @param account the organisation
    /// @return its name (empty when unknown)
    function organisationName(address account) external view returns (string memory);
}
