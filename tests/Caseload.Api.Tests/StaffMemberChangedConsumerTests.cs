using Caseload.Api.Application;
using Caseload.Api.Data;
using Caseload.Api.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;
using Workforce.Testing;
using Xunit;
using static Caseload.Api.Tests.WorkerTests;

namespace Caseload.Api.Tests;

/// <summary>The consumer in isolation, on MassTransit's in-memory harness and a real SQLite file.</summary>
public sealed class StaffMemberChangedConsumerTests : IAsyncLifetime
{
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(TestEnvironment.NewScratchDirectory("consumer"), "caseload.db");
        _provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<CaseloadAlerts>()
            .AddSingleton(typeof(InboxBatcher<>))
            .AddDbContext<CaseloadDbContext, SqliteCaseloadDbContext>(o => o.UseSqlite($"Data Source={file};Pooling=false"))
            .AddMassTransitTestHarness(bus =>
            {
                bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(500));
                bus.AddConsumer<StaffMemberChangedConsumer>();
            })
            .BuildServiceProvider(validateScopes: true);
        await using (var scope = _provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseloadDbContext>().Database.MigrateAsync();
        }

        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    [Fact]
    public async Task Out_of_order_delivery_keeps_the_newest_version()
    {
        await DeliverAsync(Guid.NewGuid(), Changed(2, Period(new DateOnly(2024, 1, 1), 0.5m)));
        await DeliverAsync(Guid.NewGuid(), Changed(1, Period(new DateOnly(2024, 1, 1), 1.0m)));

        var worker = await WorkerAsync();
        Assert.Equal(2, worker.Version);
        Assert.Equal(500_000L, Assert.Single(worker.Periods).FteMillionths);
    }

    [Fact]
    public async Task A_message_id_seen_before_is_not_applied_again()
    {
        var messageId = Guid.NewGuid();
        await DeliverAsync(messageId, Changed(1, Period(new DateOnly(2024, 1, 1), 1.0m)));
        await DeliverAsync(messageId, Changed(2, Period(new DateOnly(2024, 1, 1), 0.2m)));

        var worker = await WorkerAsync();
        Assert.Equal(1, worker.Version);
        await using var scope = _provider.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CaseloadDbContext>().Inbox.CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task A_competing_replica_saving_an_older_version_after_a_newer_one_fails_instead_of_overwriting_it()
    {
        await DeliverAsync(Guid.NewGuid(), Changed(1));
        await using var newer = _provider.CreateAsyncScope();
        await using var older = _provider.CreateAsyncScope();
        var newerDb = newer.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var olderDb = older.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var newerWorker = await newerDb.Workers.SingleAsync(w => w.StaffId == "p1");
        var olderWorker = await olderDb.Workers.SingleAsync(w => w.StaffId == "p1");

        newerWorker.Apply(Changed(3, Period(new DateOnly(2024, 1, 1), 0.5m)));
        olderWorker.Apply(Changed(2, Period(new DateOnly(2024, 1, 1), 1.0m)));
        await newerDb.SaveChangesAsync();

        // The consumer's retry then reads version 3 and ignores version 2.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => olderDb.SaveChangesAsync());
        var worker = await WorkerAsync();
        Assert.Equal(3, worker.Version);
        Assert.Equal(500_000L, Assert.Single(worker.Periods).FteMillionths);
    }

    [Fact]
    public async Task A_malformed_event_faults_with_an_invalid_event_error()
    {
        var messageId = Guid.NewGuid();
        await _harness.Bus.Publish(Changed(1) with { Authority = "" }, context => context.MessageId = messageId);

        Assert.True(await _harness.Published.Any<Fault<StaffMemberChanged>>(f =>
            f.Context.Message.FaultedMessageId == messageId
            && f.Context.Message.Exceptions.Any(e => e.ExceptionType == typeof(InvalidEventException).FullName)));
        await using var scope = _provider.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CaseloadDbContext>().Workers.AnyAsync());
    }

    private async Task DeliverAsync(Guid messageId, StaffMemberChanged message)
    {
        await _harness.Bus.Publish(message, context => context.MessageId = messageId);
        // The harness lists a message id once however often it arrives, so wait for the bus to go quiet instead.
        await _harness.InactivityTask;
    }

    private async Task<Api.Domain.Worker> WorkerAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        return await db.Workers.SingleAsync(w => w.Authority == "841" && w.StaffId == "p1");
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }
}
