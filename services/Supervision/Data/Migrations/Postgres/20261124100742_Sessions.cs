using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Supervision.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SessionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    SourceVersion = table.Column<long>(type: "bigint", nullable: false),
                    SuperviseeStaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SupervisorStaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ActionsJson = table.Column<string>(type: "text", nullable: false),
                    RetractsSessionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Authority_SessionId_SourceVersion",
                table: "sessions",
                columns: new[] { "Authority", "SessionId", "SourceVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Authority_SuperviseeStaffId",
                table: "sessions",
                columns: new[] { "Authority", "SuperviseeStaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sessions");
        }
    }
}
