using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workforce.ServiceDefaults.Audit;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.ServiceDefaults.Data;

public static class StorageExtensions
{
    public const string PostgresConnectionName = "Postgres";

    /// <summary>
    /// Registers the service's database: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set
    /// (database named after the service unless the string names one), else a SQLite file in WAL mode.
    /// Code asks for <typeparamref name="TContext"/>; the engine decides which derived context (and migrations) serves it.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TPostgres>(
        this IHostApplicationBuilder builder, string serviceName)
        where TContext : ServiceDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var postgres = builder.Configuration.GetConnectionString(PostgresConnectionName);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddSingleton<CouncilChanges>();
        builder.Services.AddSingleton(sp => new CouncilChangeInterceptor(sp.GetRequiredService<CouncilChanges>(), sp.GetService<CachedTables>() ?? CachedTables.None));

        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var connectionString = PostgresConnectionString(postgres, serviceName);
            // Pooled: every call's handler takes a context (most reads never touch it), and building one was a tenth of a read's time.
            builder.Services.AddDbContextPool<TContext, TPostgres>((sp, options) => options
                // Read models load a few small owned collections together: one query is right, and saying so silences EF's warning.
                .UseNpgsql(connectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>(), sp.GetRequiredService<CouncilChangeInterceptor>()));
            var cache = builder.Configuration.GetSection(CouncilCacheOptions.Section).Get<CouncilCacheOptions>() ?? new CouncilCacheOptions();
            if (cache.Notifications)
            {
                builder.Services.AddHostedService(sp => new CouncilChangeListener(
                    connectionString, sp.GetRequiredService<CouncilChanges>(), sp.GetRequiredService<ILogger<CouncilChangeListener>>()));
            }
        }
        else
        {
            var connectionString = SqliteConnectionString(builder.Configuration, builder.Environment.ContentRootPath, serviceName);
            builder.Services.AddDbContextPool<TContext, TSqlite>((sp, options) => options
                .UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>(), sp.GetRequiredService<CouncilChangeInterceptor>()));
        }

        builder.Services.AddScoped<ServiceDbContext>(sp => sp.GetRequiredService<TContext>());
        builder.Services.AddScoped<IAuditTrail, DatabaseAuditTrail>();
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        builder.Services.AddHostedService<AuditCleanup>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }

    public static string PostgresConnectionString(string configured, string serviceName)
    {
        var connection = new NpgsqlConnectionStringBuilder(configured);
        if (string.IsNullOrEmpty(connection.Database))
        {
            connection.Database = serviceName;
        }

        return connection.ConnectionString;
    }

    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot, string serviceName)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var directory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, serviceName + ".db"),
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout: this is the busy timeout.
            DefaultTimeout = storage.BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>Applies pending migrations (creating the database if needed) before the host starts serving.</summary>
    public static async Task MigrateDatabaseAsync<TContext>(this WebApplication app)
        where TContext : ServiceDbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Workforce.Storage");
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (queries, the outbox dispatcher) work while one writer commits; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        logger.LogInformation("Database ready on {Provider}; applied {Count} migration(s)", db.Database.ProviderName, pending.Count);
    }
}
