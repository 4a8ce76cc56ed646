using System.Collections;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Workforce.HostileInput;

/// <summary>
/// Generates the barrage deterministically from a seed: every RPC's valid request is walked field by field (through
/// nested messages and the items of repeated ones), and each field gets every category that fits its type, with a
/// variant drawn from the seeded random source. Requests cycle over the (RPC, field, category) cells, so every cell
/// is hit once the count exceeds the number of cells.
/// </summary>
public sealed partial class HostileGenerator(Councils councils, Tokens tokens, int seed)
{
    /// <summary>Grpc.AspNetCore's default limit on a received message.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    private static readonly Category[] TokenFlaws = [Category.MissingToken, Category.ForgedToken, Category.ExpiredToken, Category.WrongAudienceToken, Category.WrongRole];

    public IReadOnlyList<HostileRequest> Generate(int count)
    {
        var random = new Random(seed);
        var cells = Cells().ToList();
        var requests = new List<HostileRequest>(count);
        for (var i = 0; i < count; i++)
        {
            requests.Add(cells[i % cells.Count](i, random));
        }

        return requests;
    }

    /// <summary>The distinct (RPC, field, category) cells, each a factory of one request.</summary>
    public IEnumerable<Func<int, Random, HostileRequest>> Cells()
    {
        foreach (var rpc in Catalogue.Rpcs)
        {
            foreach (var flaw in TokenFlaws)
            {
                yield return (i, _) => Request(i, rpc, "(token)", flaw, flaw.ToString(), [Bytes(rpc.Baseline(councils.Main))], TokenFor(flaw, rpc), Framing.Grpc,
                    flaw == Category.WrongRole ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, sandboxed: false);
            }

            yield return (i, random) => WholeMessage(i, rpc, random);
            yield return (i, random) => MisFramed(i, rpc, random);
            if (rpc.Streaming)
            {
                yield return (i, _) => Request(i, rpc, "(stream)", Category.Empty, "no chunks", [], tokens.Valid(councils.Main), Framing.Grpc, StatusCode.OK, sandboxed: false);
            }

            foreach (var target in Targets(rpc.Baseline(councils.Main), []))
            {
                foreach (var category in CategoriesOf(rpc, target))
                {
                    yield return (i, random) => FieldMutation(i, rpc, target, category, random);
                }
            }
        }
    }

    private HostileRequest FieldMutation(int index, Rpc rpc, Target target, Category category, Random random)
    {
        // A field mutation of a write may be legitimately accepted (a boundary date, or a field the item's kind
        // ignores), so it goes to the sandbox council; naming another council is refused before anything is written.
        var sandboxed = rpc.Writes && category != Category.OtherCouncil;
        var authority = sandboxed ? councils.Sandbox : councils.Main;
        var message = rpc.Baseline(authority);
        var (variant, bytes) = Mutate(message, target, category, random);
        StatusCode? expected = category switch
        {
            Category.MalformedDate => StatusCode.InvalidArgument,
            Category.OtherCouncil when target.Path == "authority" => StatusCode.PermissionDenied,
            _ => null,
        };
        var messages = new List<byte[]> { bytes };
        if (rpc.Streaming && random.Next(3) == 0)
        {
            // A valid chunk after the hostile one must not be committed once the feed has failed.
            messages.Add(Bytes(rpc.Baseline(authority)));
            variant += ", then a valid chunk";
        }

        return Request(index, rpc, target.Name, category, variant, messages, tokens.Valid(authority), Framing.Grpc, expected, sandboxed);
    }

    private HostileRequest WholeMessage(int index, Rpc rpc, Random random)
    {
        var foreign = Catalogue.Rpcs[random.Next(Catalogue.Rpcs.Count)];
        var (variant, bytes, sandboxed) = random.Next(4) switch
        {
            0 => ("random bytes", RandomBytes(random, random.Next(1, 2048)), false),
            1 => ("random bytes near the size limit", RandomBytes(random, MaxMessageBytes - 4096), false),
            // A message cut at a field boundary can still be a valid, shorter request.
            2 => ("truncated", Truncate(Bytes(rpc.Baseline(rpc.Writes ? councils.Sandbox : councils.Main)), random), rpc.Writes),
            _ => ($"a {foreign.Name} request", Bytes(foreign.Baseline(rpc.Writes ? councils.Sandbox : councils.Main)), rpc.Writes),
        };
        return Request(index, rpc, "(message)", Category.WrongType, variant, [bytes], tokens.Valid(sandboxed ? councils.Sandbox : councils.Main), Framing.Grpc, null, sandboxed);
    }

    private HostileRequest MisFramed(int index, Rpc rpc, Random random)
    {
        var framing = (Framing)random.Next(1, Enum.GetValues<Framing>().Length);
        var authority = rpc.Writes ? councils.Sandbox : councils.Main;
        return Request(index, rpc, "(frame)", Category.WrongType, framing.ToString(), [Bytes(rpc.Baseline(authority))], tokens.Valid(authority), framing, null, rpc.Writes);
    }

    private HostileRequest Request(int index, Rpc rpc, string field, Category category, string variant, IReadOnlyList<byte[]> messages, string? token, Framing framing, StatusCode? expected, bool sandboxed) =>
        new(index, rpc.Service, rpc.Name, rpc.Method, rpc.Streaming, field, category, variant, messages, token, framing, expected, sandboxed);

    private string? TokenFor(Category flaw, Rpc rpc) => flaw switch
    {
        Category.MissingToken => null,
        Category.ForgedToken => tokens.Forged(councils.Main),
        Category.ExpiredToken => tokens.Expired(councils.Main),
        Category.WrongAudienceToken => tokens.WrongAudience(councils.Main),
        _ => tokens.WrongRole(councils.Main, rpc.Writes ? "analyst" : rpc.Role == "analyst" ? "hr-writer" : "analyst"),
    };

    // ---- fields ----

    /// <summary>A field of the request: the steps to reach it (a field, and an item index for repeated messages on the way).</summary>
    private sealed record Target(IReadOnlyList<(FieldDescriptor Field, int? Item)> Steps, FieldDescriptor Field)
    {
        public string Path => string.Join(".", Steps.Select(s => s.Item is { } i ? $"{s.Field.Name}[{i}]" : s.Field.Name).Append(Field.Name));

        /// <summary>The matrix row: the path without item numbers.</summary>
        public string Name => ItemIndex().Replace(Path, "[]");
    }

    private static IEnumerable<Target> Targets(IMessage message, IReadOnlyList<(FieldDescriptor, int?)> steps)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            // An unset member of a oneof would change which kind of item this is: only the set one is attacked.
            if (field.RealContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) != field)
            {
                continue;
            }

            yield return new Target(steps, field);
            if (field.FieldType != FieldType.Message || IsDate(field) || IsTimestamp(field))
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var items = (IList)field.Accessor.GetValue(message);
                for (var i = 0; i < items.Count; i++)
                {
                    foreach (var inner in Targets((IMessage)items[i]!, [.. steps, (field, i)]))
                    {
                        yield return inner;
                    }
                }
            }
            else if (field.Accessor.GetValue(message) is IMessage inner)
            {
                foreach (var nested in Targets(inner, [.. steps, (field, null)]))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<Category> CategoriesOf(Rpc rpc, Target target)
    {
        var field = target.Field;
        yield return Category.WrongType;
        yield return Category.Empty;
        if (IsDate(field) && !field.IsRepeated)
        {
            yield return Category.MalformedDate;
            yield return Category.BoundaryDate;
            yield break;
        }

        if (IsTimestamp(field))
        {
            yield return Category.OutOfRange;
            yield return Category.BoundaryDate;
            yield break;
        }

        if (field.IsRepeated)
        {
            yield return Category.Huge;
            if (field.FieldType != FieldType.Message)
            {
                yield return Category.OutOfRange;
            }

            yield break;
        }

        switch (field.FieldType)
        {
            case FieldType.String:
                yield return Category.Huge;
                yield return Category.OutOfRange;
                if (field.Name == "authority" || (!rpc.Writes && IsIdOrTeam(field)))
                {
                    yield return Category.OtherCouncil;
                }

                break;
            case FieldType.Enum:
                yield return Category.UnknownEnum;
                break;
            case FieldType.Message or FieldType.Bool:
                break;
            default:
                yield return Category.OutOfRange;
                break;
        }
    }

    private static bool IsIdOrTeam(FieldDescriptor field) => field.Name is "team" || field.Name.EndsWith("staff_id", StringComparison.Ordinal) || field.Name == "case_id";

    private static bool IsDate(FieldDescriptor field) => field.FieldType == FieldType.Message && field.MessageType.FullName == "google.type.Date";

    private static bool IsTimestamp(FieldDescriptor field) => field.FieldType == FieldType.Message && field.MessageType.FullName == "google.protobuf.Timestamp";

    // ---- mutations ----

    private (string Variant, byte[] Bytes) Mutate(IMessage root, Target target, Category category, Random random)
    {
        var parent = Navigate(root, target.Steps);
        var field = target.Field;
        if (category == Category.WrongType)
        {
            var (variant, wrong) = WrongWireType(field, random);
            var replaced = Reparse(parent, field, wrong);
            return (variant, Bytes(Replace(root, target.Steps, replaced)));
        }

        var described = category switch
        {
            Category.Empty => Empty(parent, field, random),
            Category.Huge => Huge(parent, field, random),
            Category.MalformedDate => SetDate(parent, field, Pick(random, MalformedDates)),
            Category.BoundaryDate when IsTimestamp(field) => SetTimestamp(parent, field, Pick(random, BoundaryTimes)),
            Category.BoundaryDate => SetDate(parent, field, Pick(random, BoundaryDates)),
            Category.UnknownEnum => SetEnum(parent, field, Pick(random, [99, -1, 1000, int.MaxValue, int.MinValue])),
            Category.OtherCouncil => SetString(parent, field, OtherCouncilValue(field)),
            Category.OutOfRange when IsTimestamp(field) => SetTimestamp(parent, field, Pick(random, BadTimes)),
            _ => OutOfRange(parent, field, random),
        };
        return (described, Bytes(root));
    }

    private static IMessage Navigate(IMessage root, IReadOnlyList<(FieldDescriptor Field, int? Item)> steps)
    {
        var message = root;
        foreach (var (field, item) in steps)
        {
            var value = field.Accessor.GetValue(message);
            message = item is { } i ? (IMessage)((IList)value)[i]! : (IMessage)value;
        }

        return message;
    }

    /// <summary>Puts <paramref name="replacement"/> where the steps lead (the root itself when there are none).</summary>
    private static IMessage Replace(IMessage root, IReadOnlyList<(FieldDescriptor Field, int? Item)> steps, IMessage replacement)
    {
        if (steps.Count == 0)
        {
            return replacement;
        }

        var holder = Navigate(root, steps.Take(steps.Count - 1).ToList());
        var (field, item) = steps[^1];
        if (item is { } i)
        {
            ((IList)field.Accessor.GetValue(holder))[i] = replacement;
        }
        else
        {
            field.Accessor.SetValue(holder, replacement);
        }

        return root;
    }

    /// <summary>The message without the field, plus the field's number with another wire type, parsed back (the parser keeps it as an unknown field).</summary>
    private static IMessage Reparse(IMessage message, FieldDescriptor field, byte[] wrong)
    {
        var copy = message.Descriptor.Parser.ParseFrom(message.ToByteArray());
        field.Accessor.Clear(copy);
        return copy.Descriptor.Parser.ParseFrom([.. copy.ToByteArray(), .. wrong]);
    }

    private static (string, byte[]) WrongWireType(FieldDescriptor field, Random random)
    {
        var natural = field.IsPacked ? WireFormat.WireType.LengthDelimited : field.FieldType switch
        {
            FieldType.String or FieldType.Bytes or FieldType.Message => WireFormat.WireType.LengthDelimited,
            FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => WireFormat.WireType.Fixed64,
            FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => WireFormat.WireType.Fixed32,
            _ => WireFormat.WireType.Varint,
        };
        var others = new[] { WireFormat.WireType.Varint, WireFormat.WireType.Fixed64, WireFormat.WireType.LengthDelimited, WireFormat.WireType.Fixed32 }.Where(w => w != natural).ToArray();
        var wire = Pick(random, others);
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(field.FieldNumber, wire);
        switch (wire)
        {
            case WireFormat.WireType.Varint: output.WriteUInt64((ulong)random.NextInt64()); break;
            case WireFormat.WireType.Fixed64: output.WriteFixed64((ulong)random.NextInt64()); break;
            case WireFormat.WireType.Fixed32: output.WriteFixed32((uint)random.Next()); break;
            default: output.WriteBytes(ByteString.CopyFrom(RandomBytes(random, random.Next(0, 64)))); break;
        }

        output.Flush();
        return ($"{field.FieldType} sent as {wire}", buffer.ToArray());
    }

    private static string Empty(IMessage parent, FieldDescriptor field, Random random)
    {
        if (IsDate(field) && !field.IsRepeated && random.Next(2) == 0)
        {
            field.Accessor.SetValue(parent, new Google.Type.Date());
            return "0000-00-00";
        }

        field.Accessor.Clear(parent);
        return "unset";
    }

    private static string Huge(IMessage parent, FieldDescriptor field, Random random)
    {
        if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(parent);
            var size = Pick(random, [1001, 1001, 5000, 20_000]);
            var sample = list.Count > 0 ? list[0] : SampleItem(field);
            while (list.Count < size)
            {
                list.Add(sample is IMessage m ? m.Descriptor.Parser.ParseFrom(m.ToByteArray()) : sample);
            }

            return $"{size} items";
        }

        // Mostly just past the longest id any field takes (128); now and then near, or past, the maximum message size.
        var length = random.Next(40) switch
        {
            0 => MaxMessageBytes - 8192,
            1 => MaxMessageBytes + 1024,
            < 10 => random.Next(10_000, 200_000),
            _ => Pick(random, [129, 257, 4097]),
        };
        return SetString(parent, field, new string((char)('a' + random.Next(26)), length)) + $" ({length} chars)";
    }

    private static object SampleItem(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Double => 20.0,
        FieldType.String => "x",
        FieldType.Message => field.MessageType.Parser.ParseFrom(ByteString.Empty),
        _ => throw new InvalidOperationException($"No sample item for {field.FullName}."),
    };

    private static readonly string[] HostileStrings =
        [" leading-space", "tab\there", "nul\0char", "new\nline", "someone@example.org", "2015-03-01", "01/02/2015", "ünïcödé-ïd", "emoji-\U0001F4A5", "\u202Eright-to-left", "../../etc/passwd", "' OR 1=1 --", "\uFFFF"];

    private static string OutOfRange(IMessage parent, FieldDescriptor field, Random random)
    {
        if (field.IsRepeated)
        {
            object item = field.FieldType == FieldType.String ? Pick(random, HostileStrings) : Pick(random, [double.NaN, -1.0, double.PositiveInfinity, 0.0, 1e308]);
            ((IList)field.Accessor.GetValue(parent)).Add(item);
            return $"an item of {Describe(item)}";
        }

        object chosen = field.FieldType switch
        {
            FieldType.String => Pick(random, HostileStrings),
            FieldType.Double => Pick(random, [-1.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, 1.0000001, 1e9, -1e9, 101.0]),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Pick(random, [-1L, long.MinValue, long.MaxValue, 1L << 53]),
            FieldType.UInt64 or FieldType.Fixed64 => Pick(random, [ulong.MaxValue, 1UL << 63]),
            _ => Pick(random, [-1, int.MinValue, int.MaxValue, 7, 13, 25, 121, 1001, 10_001]),
        };
        field.Accessor.SetValue(parent, chosen);
        return Describe(chosen);
    }

    private static string SetString(IMessage parent, FieldDescriptor field, string value)
    {
        field.Accessor.SetValue(parent, value);
        return value.Length > 40 ? $"{value[..8]}…" : Describe(value);
    }

    private static string SetEnum(IMessage parent, FieldDescriptor field, int value)
    {
        field.Accessor.SetValue(parent, value);
        return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string SetDate(IMessage parent, FieldDescriptor field, (int Year, int Month, int Day) date)
    {
        field.Accessor.SetValue(parent, new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day });
        return $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";
    }

    private static string SetTimestamp(IMessage parent, FieldDescriptor field, (long Seconds, int Nanos) time)
    {
        field.Accessor.SetValue(parent, new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = time.Seconds, Nanos = time.Nanos });
        return $"{time.Seconds}s+{time.Nanos}ns";
    }

    private string OtherCouncilValue(FieldDescriptor field) => field.Name switch
    {
        "authority" => councils.Other,
        "team" => "team-" + councils.Other,
        "case_id" => $"case-{councils.Other}-1",
        _ => $"sw-{councils.Other}-1",
    };

    private static readonly (int, int, int)[] MalformedDates =
        [(2025, 13, 1), (2025, 0, 1), (2025, 2, 30), (2025, 2, 29), (2025, 4, 31), (2025, 1, 0), (2025, 1, 32), (0, 1, 1), (10000, 1, 1), (-1, 6, 1), (2025, -3, 1), (2025, 6, -1), (int.MaxValue, int.MaxValue, int.MaxValue)];

    private static readonly (int, int, int)[] BoundaryDates = [(1, 1, 1), (9999, 12, 31), (1, 1, 2), (9999, 12, 30), (2024, 2, 29), (1970, 1, 1)];

    private static readonly (long, int)[] BoundaryTimes = [(-62_135_596_800, 0), (253_402_300_799, 999_999_999), (0, 0)];

    private static readonly (long, int)[] BadTimes = [(-1, 0), (-62_135_596_801, 0), (253_402_300_800, 0), (long.MaxValue, 0), (long.MinValue, 0), (0, -1), (0, 1_000_000_000)];

    // ---- bytes ----

    public static byte[] Bytes(IMessage message) => message.ToByteArray();

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Truncate(byte[] bytes, Random random) => bytes[..random.Next(1, Math.Max(2, bytes.Length))];

    private static T Pick<T>(Random random, IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    private static string Describe(object value) => value switch
    {
        string s => "\"" + string.Concat(s.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c > '\u2000' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ItemIndex();
}
