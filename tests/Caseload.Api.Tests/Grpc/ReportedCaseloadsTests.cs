using Caseload.Api.Domain;
using Caseload.Api.Grpc;
using Caseload.V1;
using Grpc.Core;
using Xunit;
using ReportedCaseload = Caseload.V1.ReportedCaseload;

namespace Caseload.Api.Tests.Grpc;

public sealed class ReportedCaseloadsTests
{
    [Fact]
    public void The_reported_average_is_cases_over_the_FTE_of_those_holding_one()
    {
        var at = new DateTimeOffset(2025, 10, 5, 9, 0, 0, TimeSpan.Zero);
        Api.Domain.ReportedCaseload Row(string staff, int cases, double fte) => new() { StaffId = staff, Cases = cases, FteMillionths = (long)(fte * 1_000_000), Source = "DfE census 2025", RecordedAt = at };

        // 18 + 9 cases over 1.0 + 0.5 FTE; the 0.8 FTE worker with none does not count.
        var figures = ReportedFigures.From([Row("a", 18, 1.0), Row("b", 9, 0.5), Row("c", 0, 0.8)])!;

        Assert.Equal(("DfE census 2025", 27, 1.5m, 2, 18m), (figures.Source, figures.Cases, figures.CaseHoldingFte, figures.CaseHoldingWorkers, figures.AverageCaseload));
        Assert.Null(ReportedFigures.From([]));
        Assert.Null(ReportedFigures.From([Row("c", 0, 0.8)])!.AverageCaseload);
    }

    [Fact]
    public void Every_bad_field_is_named_and_a_good_request_is_parsed()
    {
        var bad = new RecordReportedCaseloadsRequest
        {
            Authority = "841",
            ReferenceDate = new Google.Type.Date { Year = 2025, Month = 2, Day = 30 },
            Workers =
            {
                new ReportedCaseload { StaffId = "a@b.org", Cases = 3, Fte = 1 },
                new ReportedCaseload { StaffId = "sw-2", Cases = -1, Fte = 1.5 },
                new ReportedCaseload { StaffId = "sw-2", Cases = 2, Fte = 0.5 },
            },
        };

        var refusal = Assert.Throws<RpcException>(() => ReportedCaseloadsValidator.Parse(bad));

        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        var fields = refusal.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field);
        Assert.Equal(["reference_date", "source", "workers[0].staff_id", "workers[1].cases", "workers[1].fte", "workers[2].staff_id"], fields);

        var good = ReportedCaseloadsValidator.Parse(new RecordReportedCaseloadsRequest
        {
            Authority = "841", ReferenceDate = new Google.Type.Date { Year = 2025, Month = 9, Day = 30 }, Source = "DfE census 2025",
            Workers = { new ReportedCaseload { StaffId = "sw-1", Cases = 17, Fte = 0.8 } },
        });
        Assert.Equal((new DateOnly(2025, 9, 30), ("sw-1", 17, 800_000L)), (good.ReferenceDate, good.Workers.Single()));
    }
}
