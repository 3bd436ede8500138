using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Ledger.Simulators.Peoplevox;

/// <summary>One parsed SOAP call: envelope version, method and its parameter element, session header.</summary>
internal sealed record PeoplevoxSoapCall(XNamespace Envelope, string Method, XElement Parameters, XElement? Credentials)
{
    /// <summary>A direct child parameter by local name (ASMX matches names exactly).</summary>
    public XElement? Element(string name) => Element(Parameters, name);

    public string? Value(string name) => Element(name)?.Value;

    public static XElement? Element(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Value(XElement? parent, string name) => Element(parent, name)?.Value;

    public static int? Int(XElement? parent, string name) =>
        int.TryParse(Value(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>SOAP 1.1 (and 1.2) envelopes of <c>integrationservicev4.asmx</c>.</summary>
internal static class PeoplevoxSoap
{
    public const string ServiceNamespace = "http://www.peoplevox.net/";

    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Pvx = ServiceNamespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    /// <summary>Parses an envelope; throws <see cref="XmlException"/> when it is not one.</summary>
    public static PeoplevoxSoapCall Parse(string xml)
    {
        var document = XDocument.Parse(xml);
        var envelope = document.Root;
        if (envelope is null || envelope.Name.LocalName != "Envelope"
            || (envelope.Name.Namespace != Soap11 && envelope.Name.Namespace != Soap12))
        {
            throw new XmlException("The request is not a SOAP envelope.");
        }

        var ns = envelope.Name.Namespace;
        var body = envelope.Element(ns + "Body") ?? throw new XmlException("The SOAP envelope has no Body.");
        var method = body.Elements().FirstOrDefault() ?? throw new XmlException("The SOAP Body is empty.");
        var credentials = envelope.Element(ns + "Header")?.Elements().FirstOrDefault(e => e.Name.LocalName == "UserSessionCredentials");
        return new PeoplevoxSoapCall(ns, method.Name.LocalName, method, credentials);
    }

    /// <summary><c>{Method}Response/{Method}Result</c> holding an IntegrationResponse.</summary>
    public static IResult Result(XNamespace envelope, string method, int responseId, int totalCount, string detail) =>
        Envelope(envelope, new XElement(Pvx + (method + "Response"),
            new XElement(Pvx + (method + "Result"),
                new XElement(Pvx + "ResponseId", responseId),
                new XElement(Pvx + "TotalCount", totalCount),
                new XElement(Pvx + "Detail", detail))), StatusCodes.Status200OK);

    /// <summary>A SOAP fault: only for transport-level mistakes (bad XML, unknown SOAPAction), as ASMX itself answers.</summary>
    public static IResult Fault(XNamespace envelope, string message)
    {
        var fault = envelope == Soap12
            ? new XElement(envelope + "Fault",
                new XElement(envelope + "Code", new XElement(envelope + "Value", "soap:Sender")),
                new XElement(envelope + "Reason", new XElement(envelope + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), message)))
            : new XElement(envelope + "Fault",
                new XElement("faultcode", "soap:Client"),
                new XElement("faultstring", message),
                new XElement("detail"));
        return Envelope(envelope, fault, StatusCodes.Status500InternalServerError);
    }

    private static IResult Envelope(XNamespace envelope, XElement content, int status)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(envelope + "Envelope",
                new XAttribute(XNamespace.Xmlns + "soap", envelope),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute(XNamespace.Xmlns + "xsd", Xsd),
                new XElement(envelope + "Body", content)));
        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.DisableFormatting);
        var contentType = envelope == Soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
        return Results.Text(writer.ToString(), contentType, Encoding.UTF8, status);
    }

    private sealed class Utf8StringWriter() : StringWriter(CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
