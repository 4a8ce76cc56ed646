using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouncilSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SettingsJson",
                table: "staff_changes",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SettingsJson",
                table: "staff_changes");
        }
    }
}
