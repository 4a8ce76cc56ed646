using Grpc.Core;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>What became of one item of a write; numbered as every service's ChangeStatus enum on the wire.</summary>
public enum WriteStatus
{
    Applied = 1,
    Duplicate = 2,
    Superseded = 3,
    Unmatched = 4,
}

/// <summary>
/// DESIGN.md §3, in one place for every service: a new id is applied; a higher source version supersedes; the same
/// content again, or an older source version, is a duplicate (nothing changes); the same source version with other
/// content is ALREADY_EXISTS, and the caller's whole batch is rejected.
/// </summary>
public static class IdempotentWrite
{
    /// <param name="path">The item's field path in the request, e.g. <c>changes[3]</c>.</param>
    public static WriteStatus Classify(string path, string id, long sourceVersion, long? heldVersion, Func<bool> sameContentAsHeld)
    {
        if (heldVersion is not { } held)
        {
            return WriteStatus.Applied;
        }

        if (sourceVersion > held)
        {
            return WriteStatus.Superseded;
        }

        if (sourceVersion < held || sameContentAsHeld())
        {
            return WriteStatus.Duplicate;
        }

        throw new RpcException(new Status(StatusCode.AlreadyExists,
            $"{path}: '{id}' is already recorded at source version {held} with different content; send a higher source_version to replace it. Nothing in this batch was recorded."));
    }
}
