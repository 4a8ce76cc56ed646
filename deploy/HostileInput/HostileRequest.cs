using Grpc.Core;

namespace Workforce.HostileInput;

/// <summary>The kinds of hostile input, in the order the coverage matrix prints them.</summary>
public enum Category
{
    WrongType,
    OutOfRange,
    Huge,
    Empty,
    MalformedDate,
    BoundaryDate,
    UnknownEnum,
    OtherCouncil,
    MissingToken,
    ForgedToken,
    ExpiredToken,
    WrongAudienceToken,
    WrongRole,
}

/// <summary>How the request's bytes are framed on the wire; anything but Grpc is sent raw over HTTP/2.</summary>
public enum Framing
{
    Grpc,
    CompressedFlagWithoutEncoding,
    LengthBeyondBody,
    HeaderCutShort,
    TrailingBytes,
}

/// <summary>
/// One generated request: the RPC, the field and category it attacks (the coverage matrix's cell), its message
/// bytes (several for a client stream), the bearer token (null: none) and, where the answer is certain, the status
/// it must get. Sandboxed requests are writes the API may legitimately accept, sent to the sandbox council.
/// </summary>
public sealed record HostileRequest(
    int Index,
    string Service,
    string Rpc,
    string Method,
    bool Streaming,
    string Field,
    Category Category,
    string Variant,
    IReadOnlyList<byte[]> Messages,
    string? Token,
    Framing Framing,
    StatusCode? Expected,
    bool Sandboxed)
{
    public long Bytes => Messages.Sum(m => (long)m.Length);
}
