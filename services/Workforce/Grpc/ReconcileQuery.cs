using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;
using HrPost = Workforce.Api.Domain.HrPost;
using StaffChange = Workforce.Api.Domain.StaffChange;

namespace Workforce.Api.Grpc;

/// <summary>A validated reconciliation request: every post is checked as an assignment of RecordStaffChanges would be.</summary>
public sealed record ReconcileQuery(string Authority, DateOnly AsOf, IReadOnlyList<HrPost> Posts, bool Apply)
{
    /// <summary>A large council's whole establishment, with room to spare, inside the 4 MiB message limit.</summary>
    public const int MaxPosts = 20_000;

    public static ReconcileQuery Parse(ReconcileStaffRequest request, TimeProvider clock)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        var asOf = UkCalendar.Today(clock);
        if (request.AsOf is not null && !Dates.TryToQueryDate(request.AsOf, out asOf))
        {
            violations.Add("as_of", "must be a valid date from 1900 to 2199");
        }

        var posts = new List<HrPost>();
        if (request.Posts.Count == 0)
        {
            // An empty list would read as "nobody is in post" and, applied, end every post: far likelier a broken export.
            violations.Add("posts", "at least one post is required");
        }
        else if (request.Posts.Count > MaxPosts)
        {
            violations.Add("posts", $"at most {MaxPosts} posts per reconciliation");
        }
        else
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < request.Posts.Count; i++)
            {
                if (violations.Items.Count >= FieldViolations.MaxReported - 1)
                {
                    // A reply names only the first violations; the last one it names says where checking stopped.
                    violations.Add("posts", $"checking stopped at posts[{i}] after {violations.Items.Count} violations: correct these and send again");
                    break;
                }

                posts.Add(Post(request.Posts[i], $"posts[{i}]", violations));
                if (!seen.TryAdd(request.Posts[i].StaffId, i))
                {
                    violations.Add($"posts[{i}].staff_id", $"is listed twice (also posts[{seen[request.Posts[i].StaffId]}]): send each post once");
                }
            }
        }

        violations.ThrowIfAny();
        return new ReconcileQuery(request.Authority, asOf, posts, request.Apply);
    }

    private static HrPost Post(V1.HrPost post, string at, FieldViolations violations)
    {
        Identifiers.CheckPseudonym(violations, $"{at}.staff_id", post.StaffId);
        if (post.PersonId.Length > 0)
        {
            Identifiers.Check(violations, $"{at}.person_id", post.PersonId, Identifiers.MaxIdLength);
        }

        var change = new StaffChange { Authority = "", ChangeId = "" };
        if (post.Assignment is null)
        {
            violations.Add($"{at}.assignment", "is required: the post's assignment at as_of");
        }
        else
        {
            StaffChangesValidator.Assignment(change, post.Assignment, $"{at}.assignment", violations);
        }

        return new HrPost(post.StaffId, post.PersonId.Length > 0 ? post.PersonId : null, change.ToPostState());
    }
}
