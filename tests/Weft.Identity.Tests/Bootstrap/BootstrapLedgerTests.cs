using System.Collections.Immutable;
using Weft.Identity.Bootstrap;
using Weft.Identity.Tests.Support;

namespace Weft.Identity.Tests.Bootstrap;

public class BootstrapLedgerTests
{
    private readonly ManualClock _clock = new(Certs.Start);
    private readonly List<ImmutableArray<BootstrapGrant>> _saved = [];

    private BootstrapLedger Ledger(IEnumerable<BootstrapGrant>? grants = null) => new(grants ?? [], (g, _) =>
    {
        _saved.Add(g);
        return Task.CompletedTask;
    }, _clock);

    [Fact]
    public async Task A_token_works_once_for_its_identity_and_a_replay_is_refused()
    {
        var ledger = Ledger();
        var (token, grant) = await ledger.IssueAsync(Certs.Id("vm", "cars"), TimeSpan.FromHours(1), default);
        var secret = token.Reveal().Split('.')[2];
        grant.SecretHash.Should().Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret)), "only the hash is kept");
        grant.ToString().Should().NotContain(secret);
        _saved.Should().ContainSingle("the grant is stored before the token is handed out");

        var identity = await ledger.RedeemAsync(token.Reveal(), g => g.Identity, default);
        identity.Should().Be(Certs.Id("vm", "cars"));
        _saved.Last().Single().UsedAt.Should().Be(Certs.Start, "the use is stored before the answer leaves");

        _clock.Advance(TimeSpan.FromMinutes(1));
        var replay = await FluentActions.Awaiting(() => ledger.RedeemAsync(token.Reveal(), g => g.Identity, default))
            .Should().ThrowAsync<BootstrapRefusedException>();
        replay.Which.Message.Should().Be(
            $"the bootstrap token weftbt.{token.Id}.(secret) for spiffe://cluster.local/ns/vm/sa/cars was already used at 2030-01-01T00:00:00Z; a token works once (create a new one with 'weft workload token create')");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var ledger = Ledger();
        var (token, _) = await ledger.IssueAsync(Certs.Id(), TimeSpan.FromMinutes(10), default);
        _clock.Advance(TimeSpan.FromMinutes(10));
        (await FluentActions.Awaiting(() => ledger.RedeemAsync(token.Reveal(), g => g.Identity, default))
            .Should().ThrowAsync<BootstrapRefusedException>()).Which.Message.Should().Contain("expired at 2030-01-01T00:10:00Z");
    }

    [Fact]
    public async Task A_token_with_the_right_id_and_a_wrong_secret_reads_as_unknown()
    {
        var ledger = Ledger();
        var (token, _) = await ledger.IssueAsync(Certs.Id(), TimeSpan.FromHours(1), default);
        var other = BootstrapToken.Generate().Reveal().Split('.')[2];
        var forged = $"weftbt.{token.Id}.{other}";
        (await FluentActions.Awaiting(() => ledger.RedeemAsync(forged, g => g.Identity, default))
            .Should().ThrowAsync<BootstrapRefusedException>()).Which.Message.Should().Contain("is not known to this control plane");
        (await ledger.RedeemAsync(token.Reveal(), g => g.Identity, default)).Should().Be(Certs.Id(), "a guess does not burn the real token");
    }

    [Fact]
    public async Task A_refusal_while_issuing_leaves_the_token_unused()
    {
        var ledger = Ledger();
        var (token, _) = await ledger.IssueAsync(Certs.Id("shop", "cart"), TimeSpan.FromHours(1), default);
        await FluentActions.Awaiting(() => ledger.RedeemAsync<int>(token.Reveal(), _ => throw new InvalidOperationException("CSR for another identity"), default))
            .Should().ThrowAsync<InvalidOperationException>();
        ledger.Grants.Single().UsedAt.Should().BeNull();
        (await ledger.RedeemAsync(token.Reveal(), g => g.Identity, default)).Should().Be(Certs.Id("shop", "cart"));
    }

    [Fact]
    public async Task Concurrent_redemptions_of_one_token_succeed_exactly_once()
    {
        var ledger = Ledger();
        var (token, _) = await ledger.IssueAsync(Certs.Id(), TimeSpan.FromHours(1), default);
        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            try
            {
                await ledger.RedeemAsync(token.Reveal(), g => g.Identity, default);
                return true;
            }
            catch (BootstrapRefusedException)
            {
                return false;
            }
        })).ToList();
        (await Task.WhenAll(attempts)).Count(ok => ok).Should().Be(1);
    }

    [Fact]
    public async Task When_storing_the_use_fails_no_certificate_is_released()
    {
        var fail = false;
        var ledger = new BootstrapLedger([], (_, _) => fail ? throw new IOException("disk full") : Task.CompletedTask, _clock);
        var (token, _) = await ledger.IssueAsync(Certs.Id(), TimeSpan.FromHours(1), default);
        fail = true;
        await FluentActions.Awaiting(() => ledger.RedeemAsync(token.Reveal(), g => "certificate", default)).Should().ThrowAsync<IOException>();
        ledger.Grants.Single().UsedAt.Should().BeNull("nothing was released, so nothing is burnt in memory either");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(60 * 25)]
    public async Task A_token_lifetime_outside_one_minute_to_one_day_is_refused(double minutes)
    {
        await FluentActions.Awaiting(() => Ledger().IssueAsync(Certs.Id(), TimeSpan.FromMinutes(minutes), default))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Used_and_expired_grants_are_forgotten_a_day_later()
    {
        var ledger = Ledger();
        var (used, _) = await ledger.IssueAsync(Certs.Id(), TimeSpan.FromHours(1), default);
        await ledger.RedeemAsync(used.Reveal(), g => 0, default);
        await ledger.IssueAsync(Certs.Id(), TimeSpan.FromHours(1), default);
        _clock.Advance(TimeSpan.FromHours(26));
        await ledger.IssueAsync(Certs.Id(), TimeSpan.FromHours(1), default);
        ledger.Grants.Should().ContainSingle();
        (await FluentActions.Awaiting(() => ledger.RedeemAsync(used.Reveal(), g => 0, default)).Should().ThrowAsync<BootstrapRefusedException>())
            .Which.Message.Should().Contain("not known");
    }
}
