using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.VirtualServices;

/// <summary>
/// Rules of a VirtualService that can never match: a rule after one without matches, a rule whose
/// every match an earlier rule already has, and single matches that repeat or are covered by an
/// earlier URI prefix match. Istio reports these as warnings of its VirtualService validation.
/// </summary>
public sealed class UnreachableRulesAnalyzer : IAnalyzer
{
    public string Name => "schema.ValidationAnalyzer.VirtualService";

    public string Description => "Runs schema validation as an analyzer and reports any violations";

    public IReadOnlyList<string> Inputs => ["VirtualService"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var (vs, input) in ctx.OfType<VirtualService>())
        {
            var http = vs.Spec?.Http ?? [];
            Analyze(ctx, input, "http", http.Select(r => (r.Name, (IReadOnlyList<object>?)r.Match?.Cast<object>().ToList())).ToList());
            AnalyzeOverlappingPrefixes(ctx, input, http);
            Analyze(ctx, input, "tcp", (vs.Spec?.Tcp ?? []).Select(r => ((string?)null, (IReadOnlyList<object>?)r.Match?.Cast<object>().ToList())).ToList());
            Analyze(ctx, input, "tls", (vs.Spec?.Tls ?? []).Select(r => ((string?)null, (IReadOnlyList<object>?)r.Match?.Cast<object>().ToList())).ToList());
        }
    }

    /// <summary>Rules after a match-all rule, and matches (names aside) already used by an earlier rule.</summary>
    private static void Analyze(AnalysisContext ctx, AnalysisInput input, string kind, IReadOnlyList<(string? Name, IReadOnlyList<object>? Matches)> rules)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var catchAll = -1;
        for (var r = 0; r < rules.Count; r++)
        {
            var (name, matches) = rules[r];
            var at = $"spec.{kind}[{r}]";
            if (matches is null || matches.Count == 0)
            {
                if (catchAll >= 0)
                    ctx.Report(Messages.VirtualServiceUnreachableRule, input, at, RuleName(name, r), "only the last rule can have no matches");
                catchAll = r;
                continue;
            }
            var duplicates = 0;
            for (var m = 0; m < matches.Count; m++)
            {
                if (catchAll >= 0)
                {
                    ctx.Report(Messages.VirtualServiceUnreachableRule, input, at, RuleName(name, r), "route without matches defined before");
                    continue;
                }
                var key = Key(matches[m]);
                if (seen.TryGetValue(key, out var earlier))
                {
                    ctx.Report(Messages.VirtualServiceIneffectiveMatch, input, $"{at}.match[{m}]",
                        RuleName(name, r), MatchName(matches[m], m), RuleName(rules[earlier].Name, earlier));
                    duplicates++;
                    continue;
                }
                seen[key] = r;
            }
            if (duplicates == matches.Count)
                ctx.Report(Messages.VirtualServiceUnreachableRule, input, at, RuleName(name, r), "all matches used by prior rules");
        }
    }

    /// <summary>A URI prefix match covered by an earlier one on the same port, method, authority, headers and query.</summary>
    private static void AnalyzeOverlappingPrefixes(AnalysisContext ctx, AnalysisInput input, IReadOnlyList<HttpRoute> http)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<PrefixMatch>();
        var catchAll = false;
        for (var r = 0; r < http.Count; r++)
        {
            var matches = http[r].Match ?? [];
            if (matches.Count == 0)
            {
                catchAll = true;
                continue;
            }
            for (var m = 0; m < matches.Count && !catchAll; m++)
            {
                // Exact repeats are the ineffective matches reported above; only first occurrences count here.
                if (!seen.Add(Key(matches[m])))
                    continue;
                if (PrefixMatch.From(matches[m], RuleName(http[r].Name, r), MatchName(matches[m], m), $"spec.http[{r}].match[{m}]") is { } p)
                    prefixes.Add(p);
            }
        }
        for (var a = 0; a < prefixes.Count; a++)
        {
            for (var b = a + 1; b < prefixes.Count; b++)
            {
                var (earlier, later) = (prefixes[a], prefixes[b]);
                if (later.Prefix == earlier.Prefix || !earlier.Covers(later))
                    continue;
                ctx.Report(Messages.VirtualServiceIneffectiveMatch, input, later.Path, later.Rule,
                    $"{later.Match} of prefix {later.Prefix}", $"{earlier.Match} of prefix {earlier.Prefix} on {earlier.Rule}");
            }
        }
    }

    private static string Key(object match) => match is HttpMatchRequest h ? CanonicalJson.Of(h with { Name = null }) : CanonicalJson.Of(match);

    private static string RuleName(string? name, int index) => string.IsNullOrEmpty(name) ? $"#{index}" : GoText.Quote(name);

    private static string MatchName(object match, int index) =>
        match is HttpMatchRequest { Name: { Length: > 0 } n } ? GoText.Quote(n) : $"#{index}";

    /// <summary>What an HTTP match with a URI prefix is compared on (Istio compares these fields only).</summary>
    private sealed record PrefixMatch(string Rule, string Match, string Path, string Prefix, uint Port, string Method, string Authority,
        IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> WithoutHeaders)
    {
        public static PrefixMatch? From(HttpMatchRequest m, string rule, string match, string path)
        {
            if (string.IsNullOrEmpty(m.Uri?.Prefix))
                return null;
            var method = ExactOrPrefix(m.Method);
            return new PrefixMatch(rule, match, path, m.Uri.Prefix, m.Port ?? 0,
                method.Length == 0 ? "exact:GET" : method, ExactOrPrefix(m.Authority),
                Values(m.Headers), Values(m.QueryParams), Values(m.WithoutHeaders));
        }

        /// <summary>Whether every request <paramref name="later"/> matches is matched by this (earlier) one.</summary>
        public bool Covers(PrefixMatch later) =>
            later.Prefix.StartsWith(Prefix, StringComparison.Ordinal)
            && later.Port == Port
            && Narrower(Method, later.Method)
            && Narrower(Authority, later.Authority)
            && Narrower(Headers, later.Headers)
            && Narrower(Query, later.Query)
            && Narrower(WithoutHeaders, later.WithoutHeaders);

        private static bool Narrower(string a, string b) => a == b || a.StartsWith(b, StringComparison.Ordinal);

        private static bool Narrower(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
            a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && Narrower(p.Value, v));

        private static string ExactOrPrefix(StringMatch? s) =>
            !string.IsNullOrEmpty(s?.Exact) ? "exact:" + s.Exact : !string.IsNullOrEmpty(s?.Prefix) ? "prefix:" + s.Prefix : "";

        private static Dictionary<string, string> Values(IReadOnlyDictionary<string, StringMatch>? map) =>
            (map ?? new Dictionary<string, StringMatch>()).ToDictionary(p => p.Key, p => ExactOrPrefix(p.Value), StringComparer.Ordinal);
    }
}
