/** Standards as a short list: "ST0070 Business administrator", the reference in bold. */
export function StandardList({ standards }: { standards: { id: string; reference: string; title: string }[] }) {
  return (
    <ul className="text-sm">
      {standards.map((s) => (
        <li key={s.id}>
          <span className="font-bold">{s.reference}</span> {s.title}
        </li>
      ))}
    </ul>
  );
}
