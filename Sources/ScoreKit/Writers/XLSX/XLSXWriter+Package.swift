#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Packaging: the rows are deflated as they are staged (a ``DeflateSpool``); at commit the sheet's start (with the
/// column widths, known only now) and its end are deflated on their own, and the worksheet entry is the three laid
/// end to end, its CRC-32 combined from theirs.
extension XLSXWriter: OutputPackager {
    /// zlib's level for every part. Measured on 100,000 E-Delivery rows (26 columns, 130 MB of sheet XML): levels 1-3
    /// (zlib's fast strategy) compress at about the same speed, 3 the smallest of them; level 4 and up (lazy
    /// matching) take about twice as long for a file 10-20% smaller.
    static let compressionLevel: Int32 = 3

    public func stage(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        if spool == nil { spool = try DeflateSpool(level: Self.compressionLevel) }
        try spool?.append(bytes)
    }

    /// Excel and LibreOffice open at most 1,048,576 rows and drop the rest: a sheet is never written past that.
    static let maxRows = 1_048_576

    public func package(rows: Int, into out: Int32, name: String) throws(IOError) {
        guard rows < Self.maxRows else {
            throw IOError(
                "write \(rows) records (spreadsheets open at most \(Self.maxRows - 1) under the header; use CSV, or "
                    + "split the input) to", path: name, code: EFBIG)
        }
        let level = Self.compressionLevel
        var zip = ZipWriter(fd: out, name: name, date: options.context.downloadDate, level: level)
        let lastColumn = Self.column(max(1, options.fields.count))
        let range = "A1:\(lastColumn)\(rows + 1)"
        try zip.add("[Content_Types].xml", Array(XLSXParts.contentTypes.utf8))
        try zip.add("_rels/.rels", Array(XLSXParts.rootRelationships.utf8))
        try zip.add("docProps/app.xml", Array(XLSXParts.applicationProperties.utf8))
        try zip.add("xl/workbook.xml", Array(XLSXParts.workbook(filterRange: range).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(XLSXParts.workbookRelationships.utf8))
        try zip.add("xl/styles.xml", Array(XLSXParts.styles(dateFormat: options.context.dateFormat).utf8))

        let prefix = Array(sheetPrefix.utf8)
        let suffix = Array("</sheetData><autoFilter ref=\"\(range)\"/></worksheet>".utf8)
        let deflater = try Deflater(level: level, name: name)
        let prefixData = try deflater.compress(prefix, flush: .full)
        deflater.reset()
        let suffixData = try deflater.compress(suffix, flush: .finish)
        try spool?.finish()
        var crc = CRC32()
        crc.update(prefix)
        if let spool { crc.append(spool.crc.value, length: spool.count) }
        crc.append(CRC32.checksum(suffix), length: suffix.count)
        let spool = self.spool
        try zip.addDeflated(
            "xl/worksheets/sheet1.xml", size: prefix.count + (spool?.count ?? 0) + suffix.count,
            compressedSize: prefixData.count + (spool?.length ?? 0) + suffixData.count, crc: crc.value
        ) { (fd) throws(IOError) in
            try FileOutput.writeAll(fd, prefixData[...], name: name)
            try spool?.write(to: fd, name: name)
            try FileOutput.writeAll(fd, suffixData[...], name: name)
        }
        try zip.finish()
    }

    /// The worksheet up to its first row of data: the frozen header, the fitted column widths, the header row.
    private var sheetPrefix: String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" "#
        xml += #"state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        xml += #"<sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (index, width) in widths.enumerated() {
            let fitted = min(max(width, 4) + 2, 60)
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>\n<row>"
        var header = OutputBuffer(capacity: 4096)
        for field in options.fields { textCell(field.heading, style: .header, to: &header) }
        xml += String(decoding: header.bytes, as: UTF8.self) + "</row>\n"
        return xml
    }
}
