import type { ReportModel } from "@/lib/report-doc/model";
import { scrollRegion } from "@/components/ui/scroll-region";

/**
 * The periodic report as a printable page: the same model as the .docx, laid out like it
 * (Times New Roman, A4 with the decree's margins when printed).
 */
export function ReportDocument({ model }: { model: ReportModel }) {
  return (
    <article className="report-page mx-auto bg-white text-black" lang="vi">
      <header className="grid grid-cols-1 gap-4 text-center sm:grid-cols-[2fr_3fr] print:grid-cols-[2fr_3fr]">
        <div>
          {model.issuer.parent && <p className="text-[13pt] leading-tight">{model.issuer.parent}</p>}
          <p className="text-[13pt] font-bold leading-tight">{model.issuer.unit}</p>
          <hr className="mx-auto my-1 w-1/3 border-black" />
          <p className="whitespace-pre text-[13pt]">{model.number}</p>
        </div>
        <div>
          <p className="text-[13pt] font-bold leading-tight">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p className="text-[14pt] font-bold leading-tight">Độc lập - Tự do - Hạnh phúc</p>
          <hr className="mx-auto my-1 w-1/2 border-black" />
          <p className="text-[14pt] italic">{model.dateLine}</p>
        </div>
      </header>
      <h1 className="mt-8 text-center text-[14pt] font-bold">{model.title}</h1>
      <p className="text-center text-[14pt] font-bold">{model.subtitle}</p>
      <p className="mb-4 text-center text-[14pt] italic">{model.periodLine}</p>
      {model.blocks.map((block, k) => {
        switch (block.kind) {
          case "heading":
            return (
              <h2 key={k} className={`mt-4 indent-[10mm] text-[14pt] font-bold ${block.level === 2 ? "" : "uppercase"}`}>
                {block.text}
              </h2>
            );
          case "paragraph":
            return (
              <p key={k} className="my-1.5 indent-[10mm] text-justify text-[14pt] leading-normal">
                {block.text}
              </p>
            );
          case "table":
            return (
              <figure key={k} className="my-3 break-inside-auto" data-table={block.id}>
                <figcaption className="mb-1 text-center text-[13pt] font-bold">{block.caption}</figcaption>
                <div className="overflow-x-auto print:overflow-visible" {...scrollRegion()}>
                  <table className="w-full min-w-[36rem] table-fixed border-collapse text-[12pt] print:min-w-0">
                    <colgroup>
                      {block.widths.map((w, i) => (
                        <col key={i} style={{ width: `${w}%` }} />
                      ))}
                    </colgroup>
                    <thead>
                      <tr>
                        {block.header.map((h, i) => (
                          <th key={i} scope="col" className="border border-black px-1 py-1 text-center font-bold break-words">
                            {h}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {block.rows.map((r, i) => (
                        <tr key={i} className="break-inside-avoid">
                          {r.map((c, j) => (
                            <td key={j} className={`border border-black px-1 py-0.5 break-words ${block.numeric[j] ? "text-right tabular-nums" : ""}`}>
                              {c}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {block.note && <p className="mt-1 text-[12pt] italic">Ghi chú: {block.note}</p>}
              </figure>
            );
          case "chart":
            return (
              <figure key={k} className="my-3 break-inside-avoid text-center">
                <div className="mx-auto max-w-full [&>svg]:h-auto [&>svg]:max-w-full" role="img" aria-label={block.chart.description} dangerouslySetInnerHTML={{ __html: block.chart.svg }} />
                <figcaption className="text-[13pt] italic">{block.caption}</figcaption>
              </figure>
            );
        }
      })}
      <footer className="mt-8 grid grid-cols-2 gap-4 break-inside-avoid">
        <div>
          <p className="text-[12pt] font-bold italic">Nơi nhận:</p>
          <ul className="text-[11pt]">
            {model.recipients.map((r) => (
              <li key={r}>- {r}</li>
            ))}
          </ul>
        </div>
        <div className="text-center text-[14pt]">
          {model.signature.authority && <p className="font-bold">{model.signature.authority}</p>}
          <p className="font-bold">{model.signature.title}</p>
          <p className="mb-24 text-[13pt] italic">(Ký, ghi rõ họ tên, đóng dấu)</p>
        </div>
      </footer>
    </article>
  );
}
