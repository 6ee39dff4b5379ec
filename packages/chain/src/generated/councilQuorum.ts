// Placeholder written against spec13 §6 until wt-quorum's generated ABI is merged (it replaces this file).
export const councilQuorumAbi = [
  {
    type: "function",
    name: "approve",
    stateMutability: "nonpayable",
    inputs: [
      { name: "proposer", type: "address", internalType: "address" },
      { name: "target", type: "address", internalType: "address" },
      { name: "data", type: "bytes", internalType: "bytes" },
    ],
    outputs: [],
  },
  {
    type: "function",
    name: "threshold",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "uint8", internalType: "uint8" }],
  },
  {
    type: "event",
    name: "ProposalApproved",
    anonymous: false,
    inputs: [
      { name: "operationId", type: "bytes32", indexed: true, internalType: "bytes32" },
      { name: "nonce", type: "uint32", indexed: true, internalType: "uint32" },
      { name: "approver", type: "address", indexed: true, internalType: "address" },
      { name: "approvals", type: "uint256", indexed: false, internalType: "uint256" },
    ],
  },
  {
    type: "event",
    name: "ProposalExecuted",
    anonymous: false,
    inputs: [
      { name: "operationId", type: "bytes32", indexed: true, internalType: "bytes32" },
      { name: "nonce", type: "uint32", indexed: true, internalType: "uint32" },
      { name: "by", type: "address", indexed: true, internalType: "address" },
    ],
  },
] as const;
