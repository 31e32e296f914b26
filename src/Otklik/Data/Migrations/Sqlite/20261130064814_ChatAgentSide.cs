using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatAgentSide : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "chat_limit",
                table: "agents",
                type: "INTEGER",
                nullable: false,
                // Agents who exist before the upgrade get the same default as new ones, not a limit of zero chats.
                defaultValue: 3);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "chat_limit",
                table: "agents");
        }
    }
}
