using Benchmarks.V1;
using Google.Protobuf.WellKnownTypes;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Grpc;
using PublishedFigure = Workforce.Benchmarks.PublishedFigure;

namespace Workforce.ServiceDefaults.Benchmarks;

/// <summary>The live figure a service computed, and the RPC that gives the same figure.</summary>
public sealed record LiveValue(decimal? Value, DateOnly AsOf, string Source, DateTimeOffset? LatestChangeRecordedAt);

public static class BenchmarkReplies
{
    public static BenchmarkReply Reply(BenchmarkQuery query, LiveValue live)
    {
        var published = query.Published;
        var reply = new BenchmarkReply
        {
            Authority = published.Authority,
            Measure = BenchmarkQuery.ToProto(published.Measure),
            Year = published.Year,
            ReferenceDate = Dates.ToProto(published.ReferenceDate),
            Release = new Release
            {
                Year = published.Release.Year,
                Title = published.Release.Title,
                Description = published.Description,
                Licence = PublishedBenchmarks.Licence,
                NeighbourGroupings = PublishedBenchmarks.NeighbourGroupingsTitle,
            },
            Live = new LiveFigure
            {
                AsOf = Dates.ToProto(live.AsOf),
                Source = live.Source,
                LatestChangeRecordedAt = live.LatestChangeRecordedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            },
            Council = Figure(published.Council),
            Region = Figure(published.Region),
            England = Figure(published.England),
            NeighboursCounted = published.CountedValues.Count,
            Ranked = published.Ranked,
        };

        if (live.Value is { } value)
        {
            reply.Live.Value = (double)value;
            // Ranked like for like: published figures are rounded to one decimal place.
            reply.Live.Rank = published.RankOf(Math.Round(value, 1, MidpointRounding.AwayFromZero));
        }

        Set(published.NeighbourMean, v => reply.NeighbourMean = v);
        Set(published.NeighbourMedian, v => reply.NeighbourMedian = v);
        if (published.Rank is { } rank)
        {
            reply.Rank = rank;
        }

        reply.Neighbours.AddRange(published.Neighbours.Select(n => new Neighbour
        {
            Position = n.Neighbour.Position,
            Code = n.Neighbour.Code,
            Name = n.Name,
            Closeness = n.Neighbour.Closeness,
            Figure = Figure(n.Figure),
            Counted = n.Counted,
        }));
        reply.Notes.AddRange(published.Notes);
        return reply;
    }

    private static global::Benchmarks.V1.PublishedFigure Figure(PublishedFigure figure)
    {
        var proto = new global::Benchmarks.V1.PublishedFigure { Code = figure.Code, Name = figure.Name, Symbol = figure.Symbol ?? "", Note = figure.Note ?? "" };
        Set(figure.Value, v => proto.Value = v);
        return proto;
    }

    private static void Set(decimal? value, Action<double> set)
    {
        if (value is { } v)
        {
            set((double)v);
        }
    }
}
