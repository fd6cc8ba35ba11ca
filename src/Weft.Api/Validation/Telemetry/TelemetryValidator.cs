using Weft.Api.Model.Telemetry;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Telemetry;

/// <summary>
/// Telemetry: where it attaches, provider references that name something, tag overrides whose
/// value matches their operation, one metric selector at a time, sampling within 0-100, custom
/// tags with exactly one non-empty source, and reporting intervals of at least 1ms.
/// </summary>
public sealed class TelemetryValidator : KindValidator<Model.Telemetry.Telemetry>
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(1);

    public override IEnumerable<FieldError> Validate(Model.Telemetry.Telemetry obj, ValidationContext ctx)
    {
        var spec = obj.Spec ?? new TelemetrySpec();
        return
        [
            .. MetadataRules.Annotations(obj),
            .. PolicyTargetRules.All("spec", spec.Selector, spec.TargetRef, spec.TargetRefs),
            .. Each("spec.tracing", spec.Tracing, TracingRules),
            .. Each("spec.metrics", spec.Metrics, MetricsRules),
            .. Each("spec.accessLogging", spec.AccessLogging, AccessLoggingRules),
        ];
    }

    private static IEnumerable<FieldError> TracingRules(string at, Tracing t)
    {
        foreach (var e in Providers(FieldPath.Child(at, "providers"), t.Providers))
            yield return e;
        var sampling = FieldPath.Child(at, "randomSamplingPercentage");
        if ((Crd.Minimum(sampling, t.RandomSamplingPercentage, 0) ?? Crd.Maximum(sampling, t.RandomSamplingPercentage, 100)) is { } range)
            yield return range;
        if (t.CustomTags is null)
            yield break;
        foreach (var (name, tag) in t.CustomTags)
        {
            var tagPath = FieldPath.Key(FieldPath.Child(at, "customTags"), name);
            if (name.Length == 0)
                yield return FieldError.Invalid(tagPath, name, "a tag name may not be empty");
            foreach (var e in CustomTagRules(tagPath, tag))
                yield return e;
        }
    }

    private static IEnumerable<FieldError> CustomTagRules(string at, CustomTag tag)
    {
        var sources = new List<string>(4);
        if (tag.Literal is { } literal)
        {
            sources.Add("literal");
            var p = FieldPath.Child(FieldPath.Child(at, "literal"), "value");
            if ((Crd.Required(p, literal.Value) ?? Crd.MinLength(p, literal.Value, 1)) is { } e)
                yield return e;
        }
        if (tag.Environment is { } env)
        {
            sources.Add("environment");
            var p = FieldPath.Child(FieldPath.Child(at, "environment"), "name");
            if ((Crd.Required(p, env.Name) ?? Crd.MinLength(p, env.Name, 1)) is { } e)
                yield return e;
        }
        if (tag.Header is { } header)
        {
            sources.Add("header");
            var p = FieldPath.Child(FieldPath.Child(at, "header"), "name");
            if ((Crd.Required(p, header.Name) ?? Crd.MinLength(p, header.Name, 1)) is { } e)
                yield return e;
        }
        if (tag.Formatter is { } formatter)
        {
            sources.Add("formatter");
            var p = FieldPath.Child(FieldPath.Child(at, "formatter"), "value");
            if ((Crd.Required(p, formatter.Value) ?? Crd.MinLength(p, formatter.Value, 1)) is { } e)
                yield return e;
        }
        if (sources.Count > 1)
            yield return Crd.OneOf(at, $"a custom tag has one source, not {string.Join(" and ", sources)}");
    }

    private static IEnumerable<FieldError> MetricsRules(string at, Metrics m)
    {
        foreach (var e in Providers(FieldPath.Child(at, "providers"), m.Providers))
            yield return e;
        if (Rules.Duration(FieldPath.Child(at, "reportingInterval"), m.ReportingInterval, MinInterval) is { } interval)
            yield return interval;
        foreach (var e in Each(FieldPath.Child(at, "overrides"), m.Overrides, OverrideRules))
            yield return e;
    }

    private static IEnumerable<FieldError> OverrideRules(string at, MetricsOverrides o)
    {
        if (o.Match is { } match)
        {
            var matchPath = FieldPath.Child(at, "match");
            if (match.Metric is not null && match.CustomMetric is not null)
                yield return Crd.OneOf(matchPath, "set metric or customMetric, not both");
            if (Crd.MinLength(FieldPath.Child(matchPath, "customMetric"), match.CustomMetric, 1) is { } custom)
                yield return custom;
        }
        if (o.TagOverrides is null)
            yield break;
        foreach (var (name, tag) in o.TagOverrides)
        {
            var tagPath = FieldPath.Key(FieldPath.Child(at, "tagOverrides"), name);
            if (name.Length == 0)
                yield return FieldError.Invalid(tagPath, name, "a tag name may not be empty");
            // An absent operation is UPSERT, the proto's default (Istio's webhook reads it so).
            if (tag.Operation is null or TagOperation.Upsert && string.IsNullOrEmpty(tag.Value))
                yield return Crd.Rule(tagPath, "object", "value must be set when operation is UPSERT");
            if (tag.Operation == TagOperation.Remove && tag.Value is not null)
                yield return Crd.Rule(tagPath, "object", "value must not be set when operation is REMOVE");
        }
    }

    private static IEnumerable<FieldError> AccessLoggingRules(string at, AccessLogging a)
    {
        foreach (var e in Providers(FieldPath.Child(at, "providers"), a.Providers))
            yield return e;
        var expression = FieldPath.Child(FieldPath.Child(at, "filter"), "expression");
        if (a.Filter is { Expression: { } x } && string.IsNullOrWhiteSpace(x))
            yield return FieldError.Invalid(expression, x, "a filter expression may not be blank; remove the filter to log every request");
    }

    private static IEnumerable<FieldError> Providers(string at, IReadOnlyList<ProviderRef>? providers)
    {
        if (providers is null)
            yield break;
        for (var i = 0; i < providers.Count; i++)
        {
            var p = FieldPath.Child(FieldPath.Index(at, i), "name");
            if ((Crd.Required(p, providers[i].Name) ?? Crd.MinLength(p, providers[i].Name, 1)) is { } e)
                yield return e;
        }
    }

    private static IEnumerable<FieldError> Each<T>(string at, IReadOnlyList<T>? items, Func<string, T, IEnumerable<FieldError>> rules)
    {
        if (items is null)
            yield break;
        for (var i = 0; i < items.Count; i++)
            foreach (var e in rules(FieldPath.Index(at, i), items[i]))
                yield return e;
    }
}
