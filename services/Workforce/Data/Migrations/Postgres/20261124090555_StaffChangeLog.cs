using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workforce.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffChangeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "staff_changes",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChangeId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    SourceVersion = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CensusRole = table.Column<int>(type: "integer", nullable: false),
                    Registered = table.Column<bool>(type: "boolean", nullable: false),
                    SweNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Contract = table.Column<int>(type: "integer", nullable: false),
                    CoverReason = table.Column<int>(type: "integer", nullable: false),
                    FteMillionths = table.Column<long>(type: "bigint", nullable: false),
                    CaseHolding = table.Column<bool>(type: "boolean", nullable: false),
                    LineManagerStaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AsyeStart = table.Column<DateOnly>(type: "date", nullable: true),
                    LeavingReason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AbsenceLastDay = table.Column<DateOnly>(type: "date", nullable: true),
                    AbsenceReason = table.Column<int>(type: "integer", nullable: true),
                    WorkingDaysLostHundredths = table.Column<long>(type: "bigint", nullable: false),
                    FundedFteMillionths = table.Column<long>(type: "bigint", nullable: false),
                    RetractsChangeId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_changes", x => x.Sequence);
                });

            // The skeleton's assignments become the first rows of the change log, in the order they were recorded.
            migrationBuilder.Sql(
                """
                INSERT INTO staff_changes ("Authority", "ChangeId", "SourceVersion", "Kind", "StaffId", "EffectiveDate", "RecordedAt",
                    "Team", "CensusRole", "Registered", "Contract", "CoverReason", "FteMillionths", "CaseHolding",
                    "WorkingDaysLostHundredths", "FundedFteMillionths")
                SELECT "Authority", "ChangeId", 0, 1, "StaffId", "EffectiveFrom", "RecordedAt",
                    "Team", "CensusRole", "Registered", "Contract", 0, "FteMillionths", "CaseHolding", 0, 0
                FROM assignments ORDER BY "Id"
                """);

            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.CreateIndex(
                name: "IX_staff_changes_Authority_ChangeId_SourceVersion",
                table: "staff_changes",
                columns: new[] { "Authority", "ChangeId", "SourceVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_staff_changes_Authority_StaffId",
                table: "staff_changes",
                columns: new[] { "Authority", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff_changes");

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CaseHolding = table.Column<bool>(type: "boolean", nullable: false),
                    CensusRole = table.Column<int>(type: "integer", nullable: false),
                    ChangeId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Contract = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    FteMillionths = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Registered = table.Column<bool>(type: "boolean", nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assignments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assignments_Authority_ChangeId",
                table: "assignments",
                columns: new[] { "Authority", "ChangeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assignments_Authority_StaffId_Version",
                table: "assignments",
                columns: new[] { "Authority", "StaffId", "Version" },
                unique: true);
        }
    }
}
