using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoutingReplyMailboxCannedReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "reply_inbox_id",
                table: "inboxes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "routing",
                table: "chat_widgets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_chat_at",
                table: "agents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "canned_replies",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    owner_agent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    usage_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_canned_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_canned_replies_agents_owner_agent_id",
                        column: x => x.owner_agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inboxes_reply_inbox_id",
                table: "inboxes",
                column: "reply_inbox_id");

            migrationBuilder.CreateIndex(
                name: "ix_canned_replies_owner_agent_id",
                table: "canned_replies",
                column: "owner_agent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "canned_replies");

            migrationBuilder.DropIndex(
                name: "ix_inboxes_reply_inbox_id",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "reply_inbox_id",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "routing",
                table: "chat_widgets");

            migrationBuilder.DropColumn(
                name: "last_chat_at",
                table: "agents");
        }
    }
}
