using Weft.Api.Analysis;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Validation;

namespace Weft.Api.Tests.Analysis;

public class AnalysisRunnerTests
{
    private sealed class Failing : IAnalyzer
    {
        public string Name => "test.Failing";

        public string Description => "Always throws";

        public IReadOnlyList<string> Inputs => [];

        public void Analyze(AnalysisContext ctx) => throw new InvalidOperationException("boom");
    }

    private sealed class Twice(MessageType type) : IAnalyzer
    {
        public string Name => "test.Twice";

        public string Description => "Reports the same message twice";

        public IReadOnlyList<string> Inputs => [];

        public void Analyze(AnalysisContext ctx)
        {
            var on = ctx.Inputs[0];
            ctx.Report(type, on, "metadata.name", "same");
            ctx.Report(type, on, "metadata.name", "same");
            ctx.Report(type, on, "metadata.name", "other");
        }
    }

    private static IReadOnlyList<AnalysisInput> Inputs(string yaml) =>
        ManifestLoader.Load(yaml, "x.yaml").Objects.Select(AnalysisInput.From).ToList();

    private const string Namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: travel-agency}\n";

    [Fact]
    public void The_same_message_about_the_same_object_is_reported_once()
    {
        var findings = AnalysisRunner.Run(Inputs(Namespace), null, null, [new Twice(Messages.Deprecated)]);
        findings.Lines().Should().Equal(
            "IST0002 Namespace travel-agency: Deprecated: same",
            "IST0002 Namespace travel-agency: Deprecated: other");
        findings[0].Reference.Should().Be("x.yaml:3");
    }

    [Fact]
    public void An_analyzer_that_fails_is_an_internal_error_and_the_others_still_run()
    {
        var findings = AnalysisRunner.Run(Inputs(Namespace), null, null, [new Failing(), new Twice(Messages.Deprecated)]);
        findings.Lines().Should().Equal(
            "IST0001 test.Failing: Internal error: analyzer test.Failing failed: InvalidOperationException: boom",
            "IST0002 Namespace travel-agency: Deprecated: same",
            "IST0002 Namespace travel-agency: Deprecated: other");
    }

    [Fact]
    public void Schema_errors_come_first_as_IST0106_with_their_field_path()
    {
        var error = new Diagnostic("x.yaml", 1, new Mark(7, 5), "VirtualService default/reviews",
            FieldError.Required("spec.hosts"));
        var findings = AnalysisRunner.Run([], [error]);
        findings.Lines().Should().Equal("IST0106 VirtualService default/reviews: Schema validation error: spec.hosts: Required value");
        findings[0].Reference.Should().Be("x.yaml:7");
        findings[0].FieldPath.Should().Be("spec.hosts");
    }

    [Fact]
    public void Only_runs_just_the_named_analyzers_and_opt_in_ones_only_when_named()
    {
        var yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: cars
              namespace: travel-agency
              annotations: {networking.istio.io/exportTo: "."}
            spec: {ports: [{port: 8000}]}
            """;
        AnalysisRunner.Run(Inputs(yaml)).Select(f => f.Code).Should().Equal("IST0118");
        AnalysisRunner.Run(Inputs(yaml), options: AnalysisOptions.Default with { Only = ["annotations.AlphaAnalyzer"] })
            .Select(f => f.Code).Should().Equal("IST0136");
    }

    [Fact]
    public void Every_analyzer_has_a_unique_istio_style_name_a_description_and_inputs()
    {
        var all = AnalysisRunner.All.Concat(AnalysisRunner.OptIn).ToList();
        all.Select(a => a.Name).Should().OnlyHaveUniqueItems();
        all.Should().OnlyContain(a => a.Name.Contains('.') && a.Description.Length > 0 && a.Inputs.Count > 0);
    }
}
