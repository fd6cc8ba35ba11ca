using System.Text.RegularExpressions;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>The patterns of the Gateway API's CRDs, each with the text its errors quote verbatim.</summary>
internal static partial class GatewayApiPatterns
{
    public static readonly OpenApiPattern Group = new(@"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", GroupRegex());
    public static readonly OpenApiPattern Kind = new(@"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$", KindRegex());
    public static readonly OpenApiPattern Namespace = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", NamespaceRegex());
    public static readonly OpenApiPattern SectionName = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", SectionNameRegex());
    public static readonly OpenApiPattern Hostname = new(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", HostnameRegex());
    public static readonly OpenApiPattern PreciseHostname = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", PreciseHostnameRegex());
    public static readonly OpenApiPattern HeaderName = new(@"^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$", HeaderNameRegex());
    public static readonly OpenApiPattern Duration = new(@"^([0-9]{1,5}(h|m|s|ms)){1,4}$", DurationRegex());
    public static readonly OpenApiPattern AddressType = new(@"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$", AddressTypeRegex());
    public static readonly OpenApiPattern Protocol = new(@"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$", ProtocolRegex());
    public static readonly OpenApiPattern ControllerName = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$", ControllerNameRegex());
    public static readonly OpenApiPattern LabelValue = new(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", LabelValueRegex());
    public static readonly OpenApiPattern CorsOrigin = new(@"(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)", CorsOriginRegex());
    public static readonly OpenApiPattern WellKnownCACertificates = new(@"^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$", WellKnownCARegex());
    public static readonly OpenApiPattern AbsoluteUri = new(@"^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?", AbsoluteUriRegex());

    // Patterns inside CEL rules (matches()), quoted by their messages.
    public const string HttpPathCharactersText = @"^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";
    public const string GrpcServiceText = @"^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$";
    public const string GrpcMethodText = @"^[A-Za-z_][A-Za-z_0-9]*$";
    public const string MetadataKeyText = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$";

    [GeneratedRegex(@"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupRegex();

    [GeneratedRegex(@"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex KindRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionNameRegex();

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostnameRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PreciseHostnameRegex();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNameRegex();

    [GeneratedRegex(@"^([0-9]{1,5}(h|m|s|ms)){1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressTypeRegex();

    [GeneratedRegex(@"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ControllerNameRegex();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex(@"(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)", RegexOptions.CultureInvariant)]
    private static partial Regex CorsOriginRegex();

    [GeneratedRegex(@"^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$", RegexOptions.CultureInvariant)]
    private static partial Regex WellKnownCARegex();

    [GeneratedRegex(@"^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?", RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteUriRegex();

    [GeneratedRegex(@"^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$", RegexOptions.CultureInvariant)]
    public static partial Regex HttpPathCharacters();

    [GeneratedRegex(@"^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex GrpcService();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z_0-9]*$", RegexOptions.CultureInvariant)]
    public static partial Regex GrpcMethod();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$", RegexOptions.CultureInvariant)]
    public static partial Regex MetadataKey();
}
