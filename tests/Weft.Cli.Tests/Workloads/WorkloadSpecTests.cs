using Weft.Cli.Workloads;

namespace Weft.Cli.Tests.Workloads;

public class WorkloadSpecTests
{
    private static WorkloadSpec Spec(string name = "cars-vm", string ns = "travel-agency") => new()
    {
        Name = name,
        Namespace = ns,
        Command = ["weft-samples", "cars"],
        Ports = [8000],
    };

    [Fact]
    public void A_valid_spec_has_no_errors() => Spec().Validate().Should().BeEmpty();

    [Fact]
    public void Every_problem_is_reported_at_once_with_the_value_and_the_rule()
    {
        var spec = Spec("Cars_VM", "-shop") with { ServiceAccount = "SA", Kind = "Pod", Ports = [0, 8000, 8000, 15001], Command = [] };
        spec.Validate().Should().Equal(
            "workload name \"Cars_VM\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters",
            "namespace \"-shop\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters",
            "service account \"SA\" is invalid: expected a lowercase RFC 1123 subdomain",
            "kind \"Pod\" is invalid: expected one of VirtualMachine, Container, Process",
            "port 0 is invalid: expected 1 to 65535",
            "port 8000 is given twice",
            "port 15001 is reserved for the sidecar (15000 admin, 15001 outbound, 15006 inbound, 15021 health, 15090 metrics)",
            "no command to run: give it after --, as in `weft workload run cars -n travel -- weft-samples cars`");
    }

    [Fact]
    public void Labels_are_read_as_key_value_pairs_and_bad_pairs_are_named()
    {
        var errors = new List<string>();
        var labels = WorkloadSpec.ParsePairs("app=cars, version=v2,broken,=x", "--labels", errors);
        labels.Should().Equal(new Dictionary<string, string> { ["app"] = "cars", ["version"] = "v2" });
        errors.Should().Equal("cannot parse \"broken\" for --labels: expected key=value", "cannot parse \"=x\" for --labels: expected key=value");
    }
}
