using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportedCaseloadNotifications : Migration
    {
        private static readonly string[] Tables = ["reported_caseloads"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::Workforce.ServiceDefaults.Caching.CouncilChangeNotifications.Create(Tables));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::Workforce.ServiceDefaults.Caching.CouncilChangeNotifications.Drop(Tables));
        }
    }
}
