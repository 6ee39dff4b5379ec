// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
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
/// pharmacies, each signing either with its founding admin's key or with an operator its admin adds,
/// re-permissions and removes along the way; and with council actions (suspending and reinstating an
/// organisation through a real AccessManager, after its delay). It keeps its own model of what everyone
/// should hold. The fuzzer calls these functions in random order with random arguments; each bounds its
/// arguments to the cast.
contract CustodyHandler {
    uint256 public constant PACKS = 8;
    uint32 private constant NOTICE = 48 hours;
    uint32 private constant COUNCIL_DELAY = 1 hours;
    uint8 private constant SHIP = 4;
    uint8 private constant DISPENSE = 8;
    uint8 private constant WRITE_OFF = 16;
    CustodyLedger public immutable ledger;
    AccessManager public immutable council;
    BatchId public immutable batchId;
    address public immutable regulator;
    address[5] public actors; // 0 manufacturer, 1-2 distributors, 3-4 pharmacies (their founding admins)
    address[5] public operators; // a second key of each, while a member
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
    mapping(ShipmentId => ICustodyLedger.ShipmentStatus) public modelStatus;
    mapping(ShipmentId => uint256) public modelRequestedAt;

    // The model: what each actor should hold, have dispensed and written off; who may sign.
    uint64[5] public modelHeld;
    uint64[5] public modelDispensed;
    uint64[5] public modelWrittenOff;
    uint8[5] public modelOperatorPermissions; // 0: the operator is not a member
    bool[5] public modelSuspended;
    mapping(uint256 => uint8) public modelDispensedBy; // pack -> pharmacy actor + 1 (0: not dispensed)
    mapping(uint256 => uint32) public modelDispensedHour;
    bool public modelQuarantined;
    uint256 public unexpectedReverts;
    uint256 public calls;

    constructor(
        CustodyLedger ledger_,
        AccessManager council_,
        address regulator_,
        address[5] memory actors_,
        BatchId batchId_,
        bytes32[PACKS] memory commitments_
    ) {
        ledger = ledger_;
        council = council_;
        regulator = regulator_;
        actors = actors_;
        for (uint256 i = 0; i < 5; ++i) operators[i] = address(uint160(0x2001 + i));
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

    /// Who signs for actor `i`, and whether the model lets that key use `permit` for it now.
    function _signer(uint8 i, bool viaOperator, uint8 permit) private view returns (address key, bool allowed) {
        if (viaOperator) return (operators[i], modelOperatorPermissions[i] & permit != 0 && !modelSuspended[i]);
        return (actors[i], !modelSuspended[i]); // a founder holds every permit its roles use
    }

    /// Makes `call` to the ledger as `actor`, and counts it when the model says it must succeed and it
    /// reverted, or the opposite: the invariant reports that. Returns the call's success and result.
    function _act(address actor, bytes memory call, bool modelSaysOk) private returns (bool ok, bytes memory result) {
        VM.prank(actor);
        (ok, result) = address(ledger).call(call);
        if (modelSaysOk != ok) ++unexpectedReverts;
    }

    function ship(uint8 fromSeed, uint8 toSeed, uint64 quantity, bool viaOperator) external {
        ++calls;
        uint8 from = uint8(fromSeed % 3); // manufacturer or a distributor ships
        uint8 to = uint8(1 + (toSeed % 4)); // to a distributor or a pharmacy
        quantity = uint64(1 + (quantity % 6));
        bytes32 ref = bytes32(shipments.length + 1);
        (address key, bool allowed) = _signer(from, viaOperator, SHIP);
        bool ok = allowed && !modelSuspended[to] && from != to && modelHeld[from] >= quantity && !modelQuarantined;
        bytes memory call = abi.encodeCall(ledger.ship, (batchId, actors[to], quantity, ref));
        (bool shipped, bytes memory result) = _act(key, call, ok);
        if (shipped) {
            ShipmentId id = abi.decode(result, (ShipmentId));
            modelHeld[from] -= quantity;
            shipments.push(Shipment(id, from, to, quantity, ref));
            modelStatus[id] = ICustodyLedger.ShipmentStatus.InTransit;
        }
    }

    function _open(ShipmentId id) private view returns (bool) {
        ICustodyLedger.ShipmentStatus status = modelStatus[id];
        return
            status == ICustodyLedger.ShipmentStatus.InTransit ||
            status == ICustodyLedger.ShipmentStatus.CancelRequested;
    }

    /// The recipient confirms (with a loss) or refuses a shipment; goods already on the road may
    /// arrive during a quarantine, and a receipt contests a requested cancellation.
    function receiveOrRefuse(uint256 shipmentSeed, uint64 lost, bool refuse, bool viaOperator) external {
        ++calls;
        if (shipments.length == 0) return;
        Shipment memory s = shipments[shipmentSeed % shipments.length];
        (address key, bool allowed) = _signer(s.to, viaOperator, SHIP);
        bool ok = allowed && _open(s.id);
        uint64 received = s.quantity - (lost % (s.quantity + 1));
        bytes memory call =
            refuse
                ? abi.encodeCall(ledger.refuseShipment, (batchId, actors[s.from], s.quantity, s.ref))
                : abi.encodeCall(ledger.confirmReceipt, (batchId, actors[s.from], s.quantity, s.ref, received));
        (bool closed, ) = _act(key, call, ok);
        if (!closed) return;
        if (refuse) {
            modelStatus[s.id] = ICustodyLedger.ShipmentStatus.Refused;
            modelHeld[s.from] += s.quantity;
        } else {
            modelStatus[s.id] = ICustodyLedger.ShipmentStatus.Received;
            modelHeld[s.to] += received;
            modelWrittenOff[s.to] += s.quantity - received;
        }
    }

    /// The sender requests a cancellation, or completes one after the notice.
    function cancelOrComplete(uint256 shipmentSeed, bool complete, bool viaOperator) external {
        ++calls;
        if (shipments.length == 0) return;
        Shipment memory s = shipments[shipmentSeed % shipments.length];
        (address key, bool allowed) = _signer(s.from, viaOperator, SHIP);
        ICustodyLedger.ShipmentStatus status = modelStatus[s.id];
        if (!complete) {
            bool ok = allowed && status == ICustodyLedger.ShipmentStatus.InTransit;
            bytes memory call = abi.encodeCall(ledger.cancelShipment, (batchId, actors[s.to], s.quantity, s.ref));
            (bool requested, ) = _act(key, call, ok);
            if (requested) {
                modelStatus[s.id] = ICustodyLedger.ShipmentStatus.CancelRequested;
                modelRequestedAt[s.id] = block.timestamp;
            }
        } else {
            bool ok =
                allowed &&
                    status == ICustodyLedger.ShipmentStatus.CancelRequested &&
                    block.timestamp >= modelRequestedAt[s.id] + NOTICE;
            bytes memory call = abi.encodeCall(ledger.completeCancellation, (batchId, actors[s.to], s.quantity, s.ref));
            (bool voided, ) = _act(key, call, ok);
            if (voided) {
                modelStatus[s.id] = ICustodyLedger.ShipmentStatus.Voided;
                modelHeld[s.from] += s.quantity;
            }
        }
    }

    function writeOff(uint8 holderSeed, uint64 quantity, bool viaOperator) external {
        ++calls;
        uint8 holder = uint8(holderSeed % 5);
        quantity = uint64(1 + (quantity % 3));
        (address key, bool allowed) = _signer(holder, viaOperator, WRITE_OFF);
        bool ok = allowed && modelHeld[holder] >= quantity;
        bytes memory call = abi.encodeCall(ledger.writeOff, (batchId, quantity, "damaged in transit"));
        (bool writtenOff, ) = _act(key, call, ok);
        if (writtenOff) {
            modelHeld[holder] -= quantity;
            modelWrittenOff[holder] += quantity;
        }
    }

    function dispense(uint8 pharmacySeed, uint256 pack, bool viaOperator) external {
        ++calls;
        uint8 pharmacy = uint8(3 + (pharmacySeed % 2));
        pack %= PACKS;
        (address key, bool allowed) = _signer(pharmacy, viaOperator, DISPENSE);
        bool ok = allowed && modelHeld[pharmacy] >= 1 && modelDispensedBy[pack] == 0 && !modelQuarantined;
        bytes memory call = abi.encodeCall(ledger.dispense, (batchId, pack, _commitments[pack], _proof(pack)));
        (bool dispensed, ) = _act(key, call, ok);
        if (dispensed) {
            modelHeld[pharmacy] -= 1;
            modelDispensed[pharmacy] += 1;
            modelDispensedBy[pack] = pharmacy + 1;
            modelDispensedHour[pack] = _hour();
        }
    }

    /// Undo is allowed whatever the batch's status, until 240 h after the start of the hour of dispensing.
    function undo(uint8 pharmacySeed, uint256 pack, bool viaOperator) external {
        ++calls;
        uint8 pharmacy = uint8(3 + (pharmacySeed % 2));
        pack %= PACKS;
        uint32 hour = modelDispensedBy[pack] != 0 ? modelDispensedHour[pack] : _hour();
        (address key, bool allowed) = _signer(pharmacy, viaOperator, DISPENSE);
        bool ok =
            allowed && modelDispensedBy[pack] == pharmacy + 1 && block.timestamp <= (uint256(hour) + 240) * 1 hours;
        uint256[] memory indices = new uint256[](1);
        indices[0] = pack;
        (bool undone, ) = _act(key, abi.encodeCall(ledger.undoDispense, (batchId, hour, indices)), ok);
        if (undone) {
            modelHeld[pharmacy] += 1;
            modelDispensed[pharmacy] -= 1;
            modelDispensedBy[pack] = 0;
        }
    }

    /// An actor's admin adds its operator, changes its permissions, or removes it.
    function member(uint8 actorSeed, uint8 permissionsSeed) external {
        ++calls;
        uint8 i = uint8(actorSeed % 5);
        uint8 permissions = uint8(1 + (permissionsSeed % 127));
        bytes memory call;
        if (modelOperatorPermissions[i] == 0) {
            call = abi.encodeCall(ledger.addMember, (operators[i], permissions));
        } else if (permissionsSeed % 3 == 0) {
            call = abi.encodeCall(ledger.removeMember, (operators[i]));
            permissions = 0;
        } else {
            call = abi.encodeCall(ledger.setMemberPermissions, (operators[i], permissions));
        }
        (bool changed, ) = _act(actors[i], call, !modelSuspended[i]);
        if (changed) modelOperatorPermissions[i] = permissions;
    }

    /// The council suspends or reinstates an actor: the regulator schedules it on the AccessManager,
    /// the delay passes, the regulator executes it.
    function councilSuspension(uint8 actorSeed) external {
        ++calls;
        uint8 i = uint8(actorSeed % 5);
        bytes memory data =
            modelSuspended[i]
                ? abi.encodeCall(ledger.reinstate, (actors[i]))
                : abi.encodeCall(ledger.suspend, (actors[i]));
        VM.prank(regulator);
        council.schedule(address(ledger), data, 0);
        VM.warp(block.timestamp + COUNCIL_DELAY);
        VM.prank(regulator);
        council.execute(address(ledger), data);
        modelSuspended[i] = !modelSuspended[i];
    }

    /// Time passes (up to four days), so undo windows close and cancellation notices end across sequences.
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
    uint64 private constant COUNCIL_ROLE = 1;

    function setUp() public {
        // The council: this test contract is its bootstrap admin; the regulator proposes with a delay.
        AccessManager council = new AccessManager(address(this));
        bytes memory init = abi.encodeCall(
            CustodyLedger.initialize,
            (address(council), REGULATOR, 9521234000013, "CN", "Regulator")
        );
        ledger = CustodyLedger(address(new ERC1967Proxy(address(new CustodyLedger()), init)));
        bytes4[] memory selectors = new bytes4[](3);
        selectors[0] = ledger.suspend.selector;
        selectors[1] = ledger.reinstate.selector;
        selectors[2] = ledger.setCompanyPrefixes.selector;
        council.setTargetFunctionRole(address(ledger), selectors, COUNCIL_ROLE);
        council.grantRole(COUNCIL_ROLE, address(this), 0);
        council.grantRole(COUNCIL_ROLE, REGULATOR, 1 hours);

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
        council.execute(address(ledger), abi.encodeCall(ledger.setCompanyPrefixes, (actors[0], prefixes)));
        bytes32[8] memory commitments;
        for (uint256 i = 0; i < 8; ++i) commitments[i] = keccak256(abi.encode("pack", i));
        BatchId batchId = ledger.batchIdOf(952123456786, "LOT-FUZZ");
        handler = new CustodyHandler(ledger, council, REGULATOR, actors, batchId, commitments);
        bytes32 packsRoot = handler.root(); // before the prank: a prank applies to the next call only
        VM.prank(actors[0]);
        ledger.registerBatch(952123456786, "LOT-FUZZ", uint32(block.timestamp + 3650 days), 8, packsRoot);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Held + in transit (cancellation requested included) + dispensed + written off always equals the
    /// packs registered.
    function invariantQuantityIsConserved() public view {
        uint256 total;
        for (uint256 i = 0; i < 5; ++i) {
            ICustodyLedger.Holding memory h = ledger.holding(handler.batchId(), handler.actors(i));
            total += h.held + h.dispensed + h.writtenOff;
        }
        uint256 n = handler.shipmentCount();
        for (uint256 s = 0; s < n; ++s) {
            (ShipmentId id, , , uint64 quantity, ) = handler.shipments(s);
            ICustodyLedger.ShipmentStatus status = ledger.shipmentStatus(id);
            if (
                status == ICustodyLedger.ShipmentStatus.InTransit ||
                status == ICustodyLedger.ShipmentStatus.CancelRequested
            ) total += quantity;
        }
        require(total == handler.PACKS(), "packs created or lost");
    }

    /// The chain agrees with the model holder by holder and shipment by shipment, and refused exactly
    /// what the model refused.
    function invariantChainMatchesTheModel() public view {
        require(handler.unexpectedReverts() == 0, "the ledger accepted or refused a call against the model");
        for (uint256 i = 0; i < 5; ++i) {
            ICustodyLedger.Holding memory h = ledger.holding(handler.batchId(), handler.actors(i));
            require(h.held == handler.modelHeld(i), "held differs from the model");
            require(h.dispensed == handler.modelDispensed(i), "dispensed differs from the model");
            require(h.writtenOff == handler.modelWrittenOff(i), "written off differs from the model");
            require(ledger.organisation(handler.actors(i)).suspended == handler.modelSuspended(i), "suspension");
            require(ledger.member(handler.operators(i)).permissions == handler.modelOperatorPermissions(i), "member");
        }
        uint256 n = handler.shipmentCount();
        for (uint256 s = 0; s < n; ++s) {
            (ShipmentId id, , , , ) = handler.shipments(s);
            require(ledger.shipmentStatus(id) == handler.modelStatus(id), "shipment status differs");
        }
        for (uint256 p = 0; p < 8; ++p) {
            require(
                ledger.isDispensed(handler.batchId(), p) == (handler.modelDispensedBy(p) != 0),
                "pack state differs"
            );
        }
    }
}
