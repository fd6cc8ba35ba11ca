using Weft.Testing;

namespace Weft.Integration.Tests.Foundation;

/// <summary>
/// What a new user does first, with the real programs: start the control plane in the
/// background, apply a directory of Istio config, list it, analyze it, get refused for a bad file
/// (with its line) without anything being stored, and stop.
/// </summary>
public class NewUserTranscriptTests
{
    private const string Reviews = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: shop
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
                subset: v1
              weight: 90
            - destination:
                host: reviews
                subset: v2
              weight: 10
        """;

    private const string ReviewsService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          namespace: shop
        spec:
          selector:
            app: reviews
          ports:
          - name: http
            port: 9080
        """;

    [Fact]
    public async Task Up_apply_get_analyze_and_down_work_as_a_new_user_tries_them()
    {
        await using var weft = new WeftCli();
        var port = Net.FreePort();
        var up = await weft.MustAsync("up", "--detach", "--listen", $"127.0.0.1:{port}");
        up.StdOut.Should().StartWith($"Weft control plane listening on http://127.0.0.1:{port} (pid ");
        File.Exists(Path.Combine(weft.Home, ".weft", "config")).Should().BeTrue();

        weft.Files.Write("config/reviews-vs.yaml", Reviews);
        weft.Files.Write("config/reviews-svc.yaml", ReviewsService);
        var apply = await weft.MustAsync("apply", "-f", Path.Combine(weft.Files.Path, "config"));
        apply.StdOut.Should().Be("service/reviews created\nvirtualservice.networking.istio.io/reviews created\n");

        var again = await weft.MustAsync("apply", "-f", Path.Combine(weft.Files.Path, "config"));
        again.StdOut.Should().Be("service/reviews unchanged\nvirtualservice.networking.istio.io/reviews unchanged\n");

        var get = await weft.MustAsync("get", "vs", "-A");
        var lines = get.StdOut.TrimEnd('\n').Split('\n');
        lines[0].Should().MatchRegex(@"^NAMESPACE\s+NAME\s+GATEWAYS\s+HOSTS\s+AGE$");
        lines[1].Should().MatchRegex(@"^shop\s+reviews\s+\[""reviews""\]\s+\d+s$");

        // The subsets have no DestinationRule: the analyzers say so, and the object's status carries it.
        var analyze = await weft.RunAsync("analyze", "-n", "shop");
        analyze.ExitCode.Should().Be(1, analyze.Output);
        analyze.StdOut.Should().Contain("Error [IST0101] (VirtualService shop/reviews) Referenced host+subset in destinationrule not found: \"reviews+v1\"");
        var yaml = await weft.MustAsync("get", "vs", "reviews", "-n", "shop", "-o", "yaml");
        yaml.StdOut.Should().Contain("validationMessages:").And.Contain("code: IST0101");

        var down = await weft.MustAsync("down");
        down.StdOut.Should().StartWith("Weft control plane stopped (pid ");
        var after = await weft.RunAsync("get", "vs", "-A");
        after.ExitCode.Should().Be(1);
        after.StdErr.Should().StartWith("error: cannot reach the Weft control plane");
    }

    [Fact]
    public async Task A_file_with_one_bad_document_is_refused_whole_and_names_its_line()
    {
        await using var weft = new WeftCli();
        await weft.MustAsync("up", "--detach", "--listen", $"127.0.0.1:{Net.FreePort()}");
        var file = weft.Files.Write("mixed.yaml", ReviewsService + "\n---\n" + Reviews.Replace("weight: 10", "weight: 20", StringComparison.Ordinal));

        var apply = await weft.RunAsync("apply", "-f", file);

        apply.ExitCode.Should().Be(1);
        apply.StdOut.Should().BeEmpty();
        apply.StdErr.Should().Contain($"{file}:23:5: document 2 (VirtualService shop/reviews): spec.http[0].route: ")
            .And.Contain($"error: {file}: nothing applied");
        var svc = await weft.RunAsync("get", "svc", "-n", "shop");
        svc.StdErr.Should().Be("No resources found in shop namespace.\n", "a file applies whole or not at all");
    }

    [Fact]
    public async Task Istios_bookinfo_sample_applies_unchanged()
    {
        // The sample's Kubernetes manifests, its Istio networking and its Gateway API routes;
        // demo-profile-no-gateways.yaml (an IstioOperator without a name) is refused as kubectl refuses it.
        var samples = Repo.RequireCorpus("istio/samples/bookinfo");
        await using var weft = new WeftCli();
        await weft.MustAsync("up", "--detach", "--listen", $"127.0.0.1:{Net.FreePort()}");

        var apply = await weft.RunAsync("apply", "-R", "-f", Path.Combine(samples, "platform"), "-f", Path.Combine(samples, "networking"),
            "-f", Path.Combine(samples, "gateway-api"), "-f", Path.Combine(samples, "policy"));

        apply.ExitCode.Should().Be(0, apply.Output);
        var vs = await weft.MustAsync("get", "vs", "-A", "-o", "name");
        vs.StdOut.Should().Contain("virtualservice.networking.istio.io/reviews").And.Contain("virtualservice.networking.istio.io/bookinfo");
    }
}
