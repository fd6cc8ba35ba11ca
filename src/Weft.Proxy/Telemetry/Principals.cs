using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// The SPIFFE identity (URI SAN) of a peer certificate, read once per certificate object: a
/// connection hands every request the same certificate, so later lookups allocate nothing.
/// </summary>
public sealed class Principals
{
    private readonly ConditionalWeakTable<X509Certificate2, string> _byCertificate = new();

    public string Of(X509Certificate2 certificate)
    {
        if (_byCertificate.TryGetValue(certificate, out var known))
            return known;
        var principal = UriSan(certificate) ?? "unknown";
        _byCertificate.AddOrUpdate(certificate, principal);
        return principal;
    }

    public static string? UriSan(X509Certificate2 certificate)
    {
        foreach (var ext in certificate.Extensions)
        {
            if (ext.Oid?.Value != "2.5.29.17")
                continue;
            try
            {
                var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadSequence();
                while (reader.HasData)
                {
                    var tag = reader.PeekTag();
                    if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 6)
                        return reader.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6));
                    reader.ReadEncodedValue();
                }
            }
            catch (AsnContentException)
            {
                return null;
            }
        }
        return null;
    }
}
