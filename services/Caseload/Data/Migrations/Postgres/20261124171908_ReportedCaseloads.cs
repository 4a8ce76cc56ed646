using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportedCaseloads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reported_caseloads",
                columns: table => new
                {
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReferenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Cases = table.Column<int>(type: "integer", nullable: false),
                    FteMillionths = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reported_caseloads", x => new { x.Authority, x.ReferenceDate, x.StaffId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reported_caseloads");
        }
    }
}
