// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {CustodyLedger} from "../../contracts/CustodyLedger.sol";
import {ICustodyLedger} from "../../contracts/interfaces/ICustodyLedger.sol";
import {BatchId} from "../../contracts/types/BatchId.sol";
import {ShipmentId} from "../../contracts/types/ShipmentId.sol";

/// The cheatcodes this test uses (the standard Vm interface, declared here instead of importing forge-std).
interface Vm {
    function prank(address sender) external;
    function warp(uint256 timestamp) external;
}

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// Drives the ledger with random custody operations by a manufacturer, two distributors and two
/// pharmacies, and keeps its own model of what everyone should hold. The fuzzer calls these
/// functions in random order with random arguments; each bounds its arguments to the cast.
contract CustodyHandler {
    uint256 public constant PACKS = 8;
    CustodyLedger public immutable ledger;
    BatchId public immutable batchId;
    address public immutable regulator;
    address[5] public actors; // 0 manufacturer, 1-2 distributors, 3-4 pharmacies
    bytes32[PACKS] private _commitments;
    bytes32[15] private _tree; // heap layout: node k has children 2k+1, 2k+2; leaves at 7..14

    struct Shipment {
        ShipmentId id;
        uint8 from;
        uint8 to;
        uint64 quantity;
        bytes32 ref;
    }
    Shipment[] public shipments;
    mapping(ShipmentId => bool) public modelInTransit;

    // The model: what each actor should hold, have dispensed and written off.
    uint64[5] public modelHeld;
    uint64[5] public modelDispensed;
    uint64[5] public modelWrittenOff;
    mapping(uint256 => uint8) public modelDispensedBy; // pack -> pharmacy actor + 1 (0: not dispensed)
    mapping(uint256 => uint32) public modelDispensedHour;
    bool public modelQuarantined;
    uint256 public unexpectedReverts;
    uint256 public calls;

    constructor(
        CustodyLedger ledger_,
        address regulator_,
        address[5] memory actors_,
        BatchId batchId_,
        bytes32[PACKS] memory commitments_
    ) {
        ledger = ledger_;
        regulator = regulator_;
        actors = actors_;
        batchId = batchId_;
        _commitments = commitments_;
        for (uint256 i = 0; i < PACKS; ++i) _tree[7 + i] = leaf(i, commitments_[i]);
        for (uint256 k = 7; k > 0; --k) _tree[k - 1] = Hashes.commutativeKeccak256(_tree[2 * k - 1], _tree[2 * k]);
        modelHeld[0] = uint64(PACKS);
    }

    function leaf(uint256 index, bytes32 commitment) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, commitment))));
    }

    function root() external view returns (bytes32) {
        return _tree[0];
    }

    function _proof(uint256 index) private view returns (bytes32[] memory proof) {
        proof = new bytes32[](3);
        uint256 k = 7 + index;
        for (uint256 level = 0; level < 3; ++level) {
            proof[level] = _tree[k % 2 == 1 ? k + 1 : k - 1];
            k = (k - 1) / 2;
        }
    }

    function _hour() private view returns (uint32) {
        return uint32(block.timestamp / 1 hours);
    }

    /// Makes `call` to the ledger as `actor`, and counts it when the model says it must succeed and it
    /// reverted, or the opposite: the invariant reports that. Returns the call's success and result.
    function _act(address actor, bytes memory call, bool modelSaysOk) private returns (bool ok, bytes memory result) {
        VM.prank(actor);
        (ok, result) = address(ledger).call(call);
        if (modelSaysOk != ok) ++unexpectedReverts;
    }

    function ship(uint8 fromSeed, uint8 toSeed, uint64 quantity) external {
        ++calls;
        uint8 from = uint8(fromSeed % 3); // manufacturer or a distributor ships
        uint8 to = uint8(1 + (toSeed % 4)); // to a distributor or a pharmacy
        quantity = uint64(1 + (quantity % 6));
        bytes32 ref = bytes32(shipments.length + 1);
        bool ok = from != to && modelHeld[from] >= quantity && !modelQuarantined;
        bytes memory call = abi.encodeCall(ledger.ship, (batchId, actors[to], quantity, ref));
        (bool shipped, bytes memory result) = _act(actors[from], call, ok);
        if (shipped) {
            ShipmentId id = abi.decode(result, (ShipmentId));
            modelHeld[from] -= quantity;
            shipments.push(Shipment(id, from, to, quantity, ref));
            modelInTransit[id] = true;
        }
    }

    function receive_(uint256 shipmentSeed, uint64 lost) external {
        ++calls;
        if (shipments.length == 0) return;
        Shipment memory s = shipments[shipmentSeed % shipments.length];
        uint64 received = s.quantity - (lost % (s.quantity + 1));
        bool ok = modelInTransit[s.id]; // goods already on the road may arrive during a quarantine
        bytes memory call = abi.encodeCall(
            ledger.confirmReceipt,
            (batchId, actors[s.from], s.quantity, s.ref, received)
        );
        (bool confirmed, ) = _act(actors[s.to], call, ok);
        if (confirmed) {
            modelInTransit[s.id] = false;
            modelHeld[s.to] += received;
            modelWrittenOff[s.to] += s.quantity - received;
        }
    }

    function cancel(uint256 shipmentSeed) external {
        ++calls;
        if (shipments.length == 0) return;
        Shipment memory s = shipments[shipmentSeed % shipments.length];
        bool ok = modelInTransit[s.id];
        bytes memory call = abi.encodeCall(ledger.cancelShipment, (batchId, actors[s.to], s.quantity, s.ref));
        (bool cancelled, ) = _act(actors[s.from], call, ok);
        if (cancelled) {
            modelInTransit[s.id] = false;
            modelHeld[s.from] += s.quantity;
        }
    }

    function writeOff(uint8 holderSeed, uint64 quantity) external {
        ++calls;
        uint8 holder = uint8(holderSeed % 5);
        quantity = uint64(1 + (quantity % 3));
        bool ok = modelHeld[holder] >= quantity;
        bytes memory call = abi.encodeCall(ledger.writeOff, (batchId, quantity, "damaged in transit"));
        (bool writtenOff, ) = _act(actors[holder], call, ok);
        if (writtenOff) {
            modelHeld[holder] -= quantity;
            modelWrittenOff[holder] += quantity;
        }
    }

    function dispense(uint8 pharmacySeed, uint256 pack) external {
        ++calls;
        uint8 pharmacy = uint8(3 + (pharmacySeed % 2));
        pack %= PACKS;
        bool ok = modelHeld[pharmacy] >= 1 && modelDispensedBy[pack] == 0 && !modelQuarantined;
        bytes memory call = abi.encodeCall(ledger.dispense, (batchId, pack, _commitments[pack], _proof(pack)));
        (bool dispensed, ) = _act(actors[pharmacy], call, ok);
        if (dispensed) {
            modelHeld[pharmacy] -= 1;
            modelDispensed[pharmacy] += 1;
            modelDispensedBy[pack] = pharmacy + 1;
            modelDispensedHour[pack] = _hour();
        }
    }

    function undo(uint8 pharmacySeed, uint256 pack) external {
        ++calls;
        uint8 pharmacy = uint8(3 + (pharmacySeed % 2));
        pack %= PACKS;
        uint32 hour = modelDispensedBy[pack] != 0 ? modelDispensedHour[pack] : _hour();
        bool ok = modelDispensedBy[pack] == pharmacy + 1 && block.timestamp <= (uint256(hour) + 240) * 1 hours;
        uint256[] memory indices = new uint256[](1);
        indices[0] = pack;
        (bool undone, ) = _act(actors[pharmacy], abi.encodeCall(ledger.undoDispense, (batchId, hour, indices)), ok);
        if (undone) {
            modelHeld[pharmacy] += 1;
            modelDispensed[pharmacy] -= 1;
            modelDispensedBy[pack] = 0;
        }
    }

    /// Time passes (up to four days), so undo windows close and reopen across sequences.
    function wait(uint8 hoursSeed) external {
        ++calls;
        VM.warp(block.timestamp + 1 hours * (1 + (uint256(hoursSeed) % 96)));
    }

    /// The regulator quarantines or releases the batch.
    function quarantineOrRelease() external {
        ++calls;
        VM.prank(regulator);
        if (modelQuarantined) {
            ledger.release(batchId);
        } else {
            ledger.quarantine(batchId, "suspected tampering");
        }
        modelQuarantined = !modelQuarantined;
    }

    function shipmentCount() external view returns (uint256) {
        return shipments.length;
    }
}

/// Invariants of custody, checked by Hardhat's invariant fuzzer after every call of every random
/// sequence (runs = sequences, depth = calls per sequence).
contract CustodyConservationTest {
    CustodyLedger private ledger;
    CustodyHandler private handler;
    address private constant REGULATOR = address(0xA11CE);
    address private constant COUNCIL = address(0xC0C1);

    function setUp() public {
        bytes memory init = abi.encodeCall(
            CustodyLedger.initialize,
            (COUNCIL, REGULATOR, 9521234000013, "CN", "Regulator")
        );
        ledger = CustodyLedger(address(new ERC1967Proxy(address(new CustodyLedger()), init)));
        address[5] memory actors = [
            address(0x1001),
            address(0x1002),
            address(0x1003),
            address(0x1004),
            address(0x1005)
        ];
        uint8[5] memory roles = [2, 4, 4, 8, 8];
        uint64[5] memory glns = [uint64(9521234000020), 9521234000037, 9521234000044, 9521234000051, 9521234000068];
        for (uint256 i = 0; i < 5; ++i) {
            VM.prank(REGULATOR);
            ledger.onboard(actors[i], roles[i], glns[i], "CN", "Organisation");
        }
        string[] memory prefixes = new string[](1);
        prefixes[0] = "0952123"; // the GTIN 00952123456786's company prefix
        VM.prank(COUNCIL);
        ledger.setCompanyPrefixes(actors[0], prefixes);
        bytes32[8] memory commitments;
        for (uint256 i = 0; i < 8; ++i) commitments[i] = keccak256(abi.encode("pack", i));
        BatchId batchId = ledger.batchIdOf(952123456786, "LOT-FUZZ");
        handler = new CustodyHandler(ledger, REGULATOR, actors, batchId, commitments);
        bytes32 packsRoot = handler.root(); // before the prank: a prank applies to the next call only
        VM.prank(actors[0]);
        ledger.registerBatch(952123456786, "LOT-FUZZ", uint32(block.timestamp + 3650 days), 8, packsRoot);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Held + in transit + dispensed + written off always equals the packs registered.
    function invariantQuantityIsConserved() public view {
        uint256 total;
        for (uint256 i = 0; i < 5; ++i) {
            ICustodyLedger.Holding memory h = ledger.holding(handler.batchId(), handler.actors(i));
            total += h.held + h.dispensed + h.writtenOff;
        }
        uint256 n = handler.shipmentCount();
        for (uint256 s = 0; s < n; ++s) {
            (ShipmentId id, , , uint64 quantity, ) = handler.shipments(s);
            if (ledger.shipmentStatus(id) == ICustodyLedger.ShipmentStatus.InTransit) total += quantity;
        }
        require(total == handler.PACKS(), "packs created or lost");
    }

    /// The chain agrees with the model holder by holder, and refused exactly what the model refused.
    function invariantChainMatchesTheModel() public view {
        require(handler.unexpectedReverts() == 0, "the ledger accepted or refused a call against the model");
        for (uint256 i = 0; i < 5; ++i) {
            ICustodyLedger.Holding memory h = ledger.holding(handler.batchId(), handler.actors(i));
            require(h.held == handler.modelHeld(i), "held differs from the model");
            require(h.dispensed == handler.modelDispensed(i), "dispensed differs from the model");
            require(h.writtenOff == handler.modelWrittenOff(i), "written off differs from the model");
        }
        for (uint256 p = 0; p < 8; ++p) {
            require(
                ledger.isDispensed(handler.batchId(), p) == (handler.modelDispensedBy(p) != 0),
                "pack state differs"
            );
        }
    }
}
