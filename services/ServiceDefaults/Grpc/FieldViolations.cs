using Google.Rpc;
using Grpc.Core;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Collects invalid fields of a request and turns them into INVALID_ARGUMENT with <c>google.rpc.BadRequest</c> details.</summary>
public sealed class FieldViolations
{
    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public bool Any => _violations.Count > 0;

    public IReadOnlyList<BadRequest.Types.FieldViolation> Items => _violations;

    public FieldViolations Add(string field, string description)
    {
        _violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return this;
    }

    /// <summary>Throws INVALID_ARGUMENT naming every violation, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (!Any)
        {
            return;
        }

        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(_violations);
        throw new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = _violations.Count == 1
                ? $"Invalid field '{_violations[0].Field}': {_violations[0].Description}"
                : $"{_violations.Count} fields are invalid; see the field violations.",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        }.ToRpcException();
    }
}
