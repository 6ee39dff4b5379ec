// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Organisations of the custody network and what each may write
/// @notice Every organisation signs with one account. Its roles are a bitmask, so a
/// wholesaler that also runs a pharmacy holds both roles. A regulator onboards, edits and
/// suspends organisations; a suspended organisation can write nothing, and a regulator
/// cannot suspend itself (so the network always keeps a regulator able to act). A regulator also
/// assigns each manufacturer its GS1 company prefixes: a manufacturer registers batches only of
/// GTINs under one of them, so no member can register another company's product.
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
    }

    /// @notice Emitted when a regulator adds an organisation to the network.
    /// @param account the organisation's signing account
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name its name
    /// @param by the regulator
    event OrganisationOnboarded(
        address indexed account,
        uint8 roles,
        uint64 indexed gln,
        bytes2 country,
        string name,
        address indexed by
    );
    /// @notice Emitted when a regulator changes an organisation's roles, GLN, country or name; the
    /// parameters are the new values.
    /// @param account the organisation's signing account
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name its name
    /// @param by the regulator
    event OrganisationUpdated(
        address indexed account,
        uint8 roles,
        uint64 indexed gln,
        bytes2 country,
        string name,
        address indexed by
    );
    /// @notice Emitted when a regulator sets a manufacturer's GS1 company prefixes (all of them, replacing
    /// the previous ones; an empty list removes them).
    /// @param account the manufacturer
    /// @param prefixes its prefixes now, as digits
    /// @param by the regulator
    event OrganisationPrefixesSet(address indexed account, string[] prefixes, address indexed by);
    /// @notice Emitted when a regulator suspends an organisation; it can write nothing until reinstated.
    /// @param account the organisation
    /// @param by the regulator
    event OrganisationSuspended(address indexed account, address indexed by);
    /// @notice Emitted when a regulator lifts a suspension.
    /// @param account the organisation
    /// @param by the regulator
    event OrganisationReinstated(address indexed account, address indexed by);

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
    /// @notice A regulator tried to suspend itself or remove its own regulator role.
    /// @param account the regulator
    error OrgSelfLockout(address account);
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

    /// @notice Adds an organisation. Regulator only. Emits {OrganisationOnboarded}.
    /// @param account the organisation's signing account
    /// @param roles bitmask of ROLE_* constants
    /// @param gln its GS1 Global Location Number (13 digits)
    /// @param country ISO 3166-1 alpha-2 code
    /// @param name 1 to 128 bytes of one-line UTF-8 text (see libraries/Text.sol)
    function onboard(address account, uint8 roles, uint64 gln, bytes2 country, string calldata name) external;

    /// @notice Changes an organisation's roles and master data; one that loses the manufacturer role
    /// also loses its company prefixes (OrganisationPrefixesSet with an empty list). Regulator only.
    /// Emits {OrganisationUpdated}.
    /// @param account the organisation's signing account
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
    /// clears them, whatever the organisation's roles. Regulator only. Emits {OrganisationPrefixesSet}.
    /// @param account the manufacturer
    /// @param prefixes its prefixes, as digits (leading zeros count)
    function setCompanyPrefixes(address account, string[] calldata prefixes) external;

    /// @notice Suspends an organisation: it can no longer write. Regulator only. Emits {OrganisationSuspended}.
    /// @param account the organisation
    function suspend(address account) external;

    /// @notice Lifts a suspension. Regulator only. Emits {OrganisationReinstated}.
    /// @param account the organisation
    function reinstate(address account) external;

    /// @notice The organisation record of `account` (all zero when unknown).
    /// @param account the account
    /// @return its roles, suspension, GLN, country and prefix keys
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
