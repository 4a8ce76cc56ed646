using Google.Rpc;
using Grpc.Core;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Collects invalid fields of a request and turns them into INVALID_ARGUMENT with <c>google.rpc.BadRequest</c> details.</summary>
public sealed class FieldViolations
{
    /// <summary>
    /// The details travel in a response trailer, and clients cap headers (64 KiB in .NET, and one oversized block
    /// aborts every call on the connection), so a reply names at most this many violations.
    /// </summary>
    public const int MaxReported = 100;

    /// <summary>Descriptions may quote a field's value; past this many characters they are cut.</summary>
    public const int MaxDescriptionLength = 200;

    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public bool Any => _violations.Count > 0;

    public IReadOnlyList<BadRequest.Types.FieldViolation> Items => _violations;

    public FieldViolations Add(string field, string description)
    {
        _violations.Add(new BadRequest.Types.FieldViolation { Field = Cut(field), Description = Cut(description) });
        return this;
    }

    /// <summary>Throws INVALID_ARGUMENT naming every violation (the first <see cref="MaxReported"/>), if there is any.</summary>
    public void ThrowIfAny()
    {
        if (!Any)
        {
            return;
        }

        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(_violations.Take(MaxReported));
        throw new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = _violations.Count switch
            {
                1 => $"Invalid field '{_violations[0].Field}': {_violations[0].Description}",
                > MaxReported => $"{_violations.Count} fields are invalid; the first {MaxReported} are listed in the field violations.",
                _ => $"{_violations.Count} fields are invalid; see the field violations.",
            },
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        }.ToRpcException();
    }

    private static string Cut(string text) =>
        text.Length <= MaxDescriptionLength ? text : string.Concat(text.AsSpan(0, MaxDescriptionLength - 1), "…");
}
