// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IRelayedIntents} from "./IRelayedIntents.sol";

/// @title Ledger writes signed with a passkey and sent by anyone (a relayer)
/// @notice The ledger's side of {IRelayedIntents}: its intents run ledger calls, and the council sets how many
/// relayed writes an organisation may make a UTC day (LogisticUnits reads that limit too).
interface IPasskeyIntents is IRelayedIntents {
    /// @notice Emitted when the council sets how many relayed writes an organisation may make a UTC day.
    /// @param perDay the limit
    /// @param by the council
    event IntentQuotaSet(uint32 perDay, address indexed by);

    /// @notice Sets how many relayed writes each organisation may make a UTC day (0: none). An organisation that
    /// has relayed today keeps today's limit until the next UTC day. Council only. Emits {IntentQuotaSet}.
    /// @param perDay the limit
    function setIntentQuota(uint32 perDay) external;

    /// @notice An organisation's relayed writes today.
    /// @param organisation the organisation
    /// @return limit relayed writes allowed today
    /// @return usedToday relayed writes made today
    /// @return resetsAt when the count starts again (the next UTC midnight, unix seconds)
    function intentQuota(address organisation) external view returns (uint32 limit, uint32 usedToday, uint64 resetsAt);
}
