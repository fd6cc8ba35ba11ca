namespace Weft.Api.Analysis;

/// <summary>
/// One analyzer: looks across resources for a class of problem and reports findings. Analyzers
/// warn, they never block a write (schema and semantic validation does that).
/// </summary>
public interface IAnalyzer
{
    /// <summary>Istio's analyzer name, e.g. <c>virtualservice.GatewayAnalyzer</c>.</summary>
    string Name { get; }

    /// <summary>What it checks, in one sentence.</summary>
    string Description { get; }

    /// <summary>The kinds it reads (<c>VirtualService</c>, <c>Pod</c>, ...), so a reader knows what a finding can depend on.</summary>
    IReadOnlyList<string> Inputs { get; }

    void Analyze(AnalysisContext ctx);
}
