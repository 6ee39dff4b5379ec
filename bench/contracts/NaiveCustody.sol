// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// The reference design most open-source drug-traceability contracts use: one storage record per
/// pack (owner, status), written at registration and rewritten at every hop and at dispensing.
/// Kept only to measure against (bench/gas.ts); it is not part of the product.
contract NaiveCustody {
    enum Status {
        None,
        InStock,
        InTransit,
        Dispensed
    }

    struct Pack {
        address owner;
        address pendingOwner;
        Status status;
        uint32 expiresAt;
    }

    mapping(bytes32 packId => Pack) public packs;
    mapping(address => bool) public members;

    event PackRegistered(bytes32 indexed packId, address indexed owner);
    event PackShipped(bytes32 indexed packId, address indexed from, address indexed to);
    event PackReceived(bytes32 indexed packId, address indexed to);
    event PackDispensed(bytes32 indexed packId, address indexed pharmacy);

    error NotMember(address account);
    error WrongState(bytes32 packId);

    constructor() {
        members[msg.sender] = true;
    }

    function addMember(address account) external {
        if (!members[msg.sender]) revert NotMember(msg.sender);
        members[account] = true;
    }

    function register(bytes32[] calldata packIds, uint32 expiresAt) external {
        if (!members[msg.sender]) revert NotMember(msg.sender);
        for (uint256 i = 0; i < packIds.length; ++i) {
            if (packs[packIds[i]].status != Status.None) revert WrongState(packIds[i]);
            packs[packIds[i]] = Pack(msg.sender, address(0), Status.InStock, expiresAt);
            emit PackRegistered(packIds[i], msg.sender);
        }
    }

    function ship(bytes32[] calldata packIds, address to) external {
        if (!members[to]) revert NotMember(to);
        for (uint256 i = 0; i < packIds.length; ++i) {
            Pack storage p = packs[packIds[i]];
            if (p.owner != msg.sender || p.status != Status.InStock) revert WrongState(packIds[i]);
            p.pendingOwner = to;
            p.status = Status.InTransit;
            emit PackShipped(packIds[i], msg.sender, to);
        }
    }

    function receive_(bytes32[] calldata packIds) external {
        for (uint256 i = 0; i < packIds.length; ++i) {
            Pack storage p = packs[packIds[i]];
            if (p.pendingOwner != msg.sender || p.status != Status.InTransit) revert WrongState(packIds[i]);
            p.owner = msg.sender;
            p.pendingOwner = address(0);
            p.status = Status.InStock;
            emit PackReceived(packIds[i], msg.sender);
        }
    }

    function dispense(bytes32[] calldata packIds) external {
        for (uint256 i = 0; i < packIds.length; ++i) {
            Pack storage p = packs[packIds[i]];
            if (p.owner != msg.sender || p.status != Status.InStock) revert WrongState(packIds[i]);
            p.status = Status.Dispensed;
            emit PackDispensed(packIds[i], msg.sender);
        }
    }
}
