// Reads an ADR folder with log4brains' own reader (@log4brains/core) and prints what it understood,
// as JSON: slug, title, status, date, deciders, supersededBy. Installed by .ci/run into target/interop.
const { Log4brains } = require('@log4brains/core');
(async () => {
  const l4b = Log4brains.create(process.argv[2]);
  const adrs = await l4b.searchAdrs();
  console.log(JSON.stringify(adrs.map((a) => ({
    slug: a.slug,
    title: a.title,
    status: a.status,
    date: new Date(a.publicationDate || a.creationDate).toISOString().slice(0, 10),
    deciders: a.deciders,
    supersededBy: a.supersededBy,
  }))));
})().catch((e) => { console.error(String(e)); process.exit(1); });
