using Weft.Identity.Ca;
using Weft.Identity.Tests.Support;

namespace Weft.Identity.Tests.Ca;

/// <summary>A root rotation keeps every certificate verifiable by every peer at every moment.</summary>
public class RootRotationTests
{
    private readonly ManualClock _clock = new(Certs.Start);

    [Fact]
    public void The_new_root_is_trusted_at_once_but_signs_only_after_the_propagation_period()
    {
        var ca = Certs.NewCa(_clock);
        var oldRoot = ca.Signer.Root;
        var rotated = ca.RotateToNewRoot(propagation: TimeSpan.FromHours(24), overlap: TimeSpan.FromDays(7));
        var newRoot = rotated.Generations[^1].Root;

        rotated.TrustBundle.Roots.Should().HaveCount(2).And.Contain(oldRoot).And.Contain(newRoot);
        rotated.Signer.Root.Should().BeSameAs(oldRoot, "peers have not all learned the new root yet");

        _clock.Advance(TimeSpan.FromHours(24));
        rotated.Signer.Root.Should().BeSameAs(newRoot);
        rotated.TrustBundle.Roots.Should().HaveCount(2);
    }

    [Fact]
    public void Certificates_of_both_roots_verify_during_the_overlap_and_the_old_root_retires_after_it()
    {
        var ca = Certs.NewCa(_clock);
        var before = Certs.Issue(ca, Certs.Id());
        var rotated = ca.RotateToNewRoot(propagation: TimeSpan.FromHours(1), overlap: TimeSpan.FromDays(2));
        _clock.Advance(TimeSpan.FromHours(1));
        var after = Certs.Issue(rotated, Certs.Id());
        after.Certificate.Issuer.Should().NotBe(before.Certificate.Issuer);

        var bundle = rotated.TrustBundle;
        bundle.VerifyPeer(before.Certificate, before.Intermediates, _clock.GetUtcNow()).Ok.Should().BeTrue("a peer still holding an old-root certificate keeps working");
        bundle.VerifyPeer(after.Certificate, after.Intermediates, _clock.GetUtcNow()).Ok.Should().BeTrue();

        _clock.Advance(TimeSpan.FromDays(2));
        var later = rotated.TrustBundle;
        later.Roots.Should().ContainSingle().Which.Should().BeSameAs(rotated.Signer.Root);
        var stale = Certs.Issue(ca, Certs.Id());   // what a stolen old root key would sign now
        later.VerifyPeer(stale.Certificate, [], _clock.GetUtcNow()).Error.Should().Contain("does not chain to a root");
        rotated.Pruned().Generations.Should().ContainSingle();
    }

    [Fact]
    public void A_plugged_in_CA_replacing_the_root_keeps_the_previous_root_trusted_for_the_overlap()
    {
        var ca = Certs.NewCa(_clock);
        var before = Certs.Issue(ca, Certs.Id());
        var plugged = SigningAuthority.GenerateRoot("cluster.local", _clock.GetUtcNow(), TimeSpan.FromDays(365));
        var replaced = ca.ReplacedBy(plugged, overlap: TimeSpan.FromDays(1));
        replaced.Signer.Should().BeSameAs(plugged, "an operator's new CA signs at once");
        replaced.Generations[0].Authority.Should().BeNull("the previous key is not kept, only its root");
        replaced.TrustBundle.VerifyPeer(before.Certificate, [], _clock.GetUtcNow()).Ok.Should().BeTrue();
        _clock.Advance(TimeSpan.FromDays(1));
        replaced.TrustBundle.Roots.Should().ContainSingle();
    }
}
