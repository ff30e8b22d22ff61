export function Profile({ bio }) {
  return (
    <div dangerouslySetInnerHTML={{ __html: bio }}>
      <span>
    </div>
  );
}

export function Safe({ code }) {
  return <pre>{eval(code)}</pre>;
}
