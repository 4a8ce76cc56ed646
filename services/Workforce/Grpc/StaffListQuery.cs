using System.Text;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;
using ContractType = Workforce.Contracts.ContractType;

namespace Workforce.Api.Grpc;

public sealed record StaffPage(IReadOnlyList<PostOnDay> Posts, string? NextPageToken, int TotalSize);

/// <summary>A validated staff list request: filters, and a page that starts after the last staff id of the previous one.</summary>
public sealed record StaffListQuery(FigureQuery Figures, ContractType? Contract, bool? CaseHolding, int PageSize, string? After)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static StaffListQuery Parse(ListStaffRequest request, TimeProvider clock)
    {
        var figures = FigureQuery.Parse(request.Authority, request.Team, request.CensusRole, request.AsOf, request.KnownAt, clock);
        var violations = new FieldViolations();
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"must be from 0 (default {DefaultPageSize}) to {MaxPageSize}");
        }

        string? after = null;
        if (request.PageToken.Length > 0)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(request.PageToken));
            }
            catch (FormatException)
            {
                violations.Add("page_token", "is not a token this service issued");
            }
        }

        if (!Enum.IsDefined(request.Contract))
        {
            violations.Add("contract", "is not a known contract type");
        }

        violations.ThrowIfAny();
        ContractType? contract = request.Contract switch
        {
            V1.ContractType.Employed => ContractType.Employed,
            V1.ContractType.Agency => ContractType.Agency,
            _ => null,
        };
        return new StaffListQuery(figures, contract, request.HasCaseHolding ? request.CaseHolding : null, request.PageSize == 0 ? DefaultPageSize : request.PageSize, after);
    }

    public StaffPage Page(Register register)
    {
        var matching = register.InPost(Figures.AsOf)
            .Where(p => Figures.Scope.Includes(p.State)
                && (Contract is null || p.State.Contract == Contract)
                && (CaseHolding is null || p.State.CaseHolding == CaseHolding))
            .OrderBy(p => p.Post.StaffId, StringComparer.Ordinal)
            .ToList();
        var page = matching
            .Where(p => After is null || string.CompareOrdinal(p.Post.StaffId, After) > 0)
            .Take(PageSize + 1)
            .ToList();
        var next = page.Count > PageSize ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[PageSize - 1].Post.StaffId)) : null;
        return new StaffPage(page.Take(PageSize).ToList(), next, matching.Count);
    }
}
