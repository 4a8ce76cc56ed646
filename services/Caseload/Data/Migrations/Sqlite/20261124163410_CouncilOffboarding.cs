using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CouncilOffboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authority",
                table: "outbox",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Authority",
                table: "inbox",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "offboarded_councils",
                columns: table => new
                {
                    Authority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OffboardedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offboarded_councils", x => x.Authority);
                });

            // Events written before this migration: every one then carried a council's data, named in its payload.
            migrationBuilder.Sql("UPDATE outbox SET \"Authority\" = json_extract(\"Payload\", '$.authority')");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_Authority",
                table: "outbox",
                column: "Authority");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_Authority",
                table: "inbox",
                column: "Authority");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "offboarded_councils");

            migrationBuilder.DropIndex(
                name: "IX_outbox_Authority",
                table: "outbox");

            migrationBuilder.DropIndex(
                name: "IX_inbox_Authority",
                table: "inbox");

            migrationBuilder.DropColumn(
                name: "Authority",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "Authority",
                table: "inbox");
        }
    }
}
