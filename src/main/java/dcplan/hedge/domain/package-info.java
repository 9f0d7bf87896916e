/**
 * The commitment search's OptaPlanner domain: the shared commitments of a hedge as planning
 * entities ({@link dcplan.hedge.domain.HeldAmount}) and their solution and score; the search
 * itself, its moves and the LP scorer are in {@code dcplan.hedge}.
 */
package dcplan.hedge.domain;
